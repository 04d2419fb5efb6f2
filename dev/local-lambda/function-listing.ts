import { FunctionConfiguration } from './function-configuration';
import { LambdaError } from './lambda-error';

/** Lambda's largest ListFunctions page, and the size of a page when MaxItems is not given. */
export const FUNCTIONS_PER_PAGE = 50;

/**
 * ListFunctions (GET /2015-03-31/functions/), paginated as Lambda does: `MaxItems` (1 to 50)
 * per page, `NextMarker` in the answer until the last page, `Marker` in the next request. The
 * marker is opaque to the client; here it is the offset of the next page, so that a test can
 * check that the client passes it back unchanged.
 */
export class FunctionListing {
  constructor(private readonly documents: () => FunctionConfiguration[], private readonly pageSize = FUNCTIONS_PER_PAGE) {}

  /** @throws LambdaError on a MaxItems or Marker that Lambda would refuse */
  public page(marker: string | undefined, maxItems: string | undefined): { Functions: FunctionConfiguration[]; NextMarker?: string } {
    const size = maxItems === undefined ? this.pageSize : Number(maxItems);
    if (!(Number.isInteger(size) && size >= 1 && size <= FUNCTIONS_PER_PAGE)) {
      throw LambdaError.invalidParameter(`1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to ${FUNCTIONS_PER_PAGE}`);
    }
    const all = this.documents();
    const start = marker === undefined ? 0 : offsetOf(marker);
    if (start === undefined || start > all.length) throw LambdaError.invalidParameter('Invalid Marker');
    const end = start + Math.min(size, this.pageSize);
    return { Functions: all.slice(start, end), ...(end < all.length ? { NextMarker: markerOf(end) } : {}) };
  }
}

function markerOf(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function offsetOf(marker: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
