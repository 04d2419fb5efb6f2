import * as path from 'node:path';
import { App, AssetStaging, Stack } from 'aws-cdk-lib';
import { stagedFunctionAsset } from './fixtures';
import { LatencySensitiveFunction, LatencySensitiveFunctionProps } from '../src';

/** A function synthesized with a real build: its asset hash, staged bootstrap, and whether cargo ran. */
export interface Built {
  readonly assetHash: string;
  readonly bootstrap: string;
  readonly bundled: boolean;
}

/** Synthesizes one function into `outdir`, as a fresh `cdk synth` would, and finds its bootstrap. */
export function synthBuiltFunction(outdir: string, props: LatencySensitiveFunctionProps): Built {
  AssetStaging.clearAssetHashCache();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Build');
  const bundlingMessages: string[] = [];
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    bundlingMessages.push(String(chunk));
    return true;
  });
  try {
    // Assets are staged (and built) when the construct is created.
    new LatencySensitiveFunction(stack, 'Fn', props);
    app.synth();
  } finally {
    write.mockRestore();
  }
  const asset = stagedFunctionAsset(stack, outdir, 'provided.al2023');
  return {
    assetHash: asset.hash,
    bootstrap: path.join(asset.dir, 'bootstrap'),
    bundled: bundlingMessages.some((m) => m.startsWith('Bundling asset Build/Fn')),
  };
}
