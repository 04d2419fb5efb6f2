import { IConstruct } from 'constructs';
import { TwinRecord, assemblyAbsolute, assemblyRelative } from './measurement-record';
import { nodeSourceFiles } from './node-sources';
import { SourceFingerprint, SourceSet, hashSources, sourceFingerprint } from './source-fingerprint';
import { NOT_BUNDLED } from '../build/python-bundling';

/** A fingerprint as records hold it: paths relative to the cloud assembly of `scope`. */
export function recordedFingerprint(scope: IConstruct, set: SourceSet, hashes: Map<string, string>): SourceFingerprint {
  return sourceFingerprint(set, hashes, (file) => assemblyRelative(scope, file));
}

/**
 * A twin's record with the fingerprint of what its bundle is made of: a Python twin's folder
 * as bundled (requirements.txt included, caches and tests left out), a Node twin's entry with
 * the local modules it imports, its package.json and lock file. Existing functions have no
 * sources in the app.
 */
export function withTwinSources(scope: IConstruct, record: TwinRecord): TwinRecord {
  if (record.kind === 'existing') return record;
  const entry = assemblyAbsolute(scope, record.entry);
  const set: SourceSet = record.kind === 'python'
    ? { folders: [entry], files: [], exclude: NOT_BUNDLED }
    : { folders: [], files: nodeSourceFiles(entry), exclude: [] };
  return { ...record, sources: recordedFingerprint(scope, set, hashSources(set)) };
}
