/**
 * How much a function's runtime counts in its "Rust candidate" score.
 *
 * - Python and Node.js: 1. The runtimes this library's twins, lsf bench and lsf compare measure
 *   against Rust, and whose init (imports, module loading) a Rust rewrite of the hot path removes.
 * - Other managed runtimes (Java, .NET, Ruby) and container images: 0.5. Also paying for init,
 *   but with no twin to measure the rewrite against, and (Java, .NET) SnapStart as a remedy
 *   that needs no rewrite.
 * - OS-only runtimes (`provided.al2023`, `provided.al2`, `provided`): 0, done. Already a
 *   compiled binary (Rust, Go, C++...): no rewrite left to gain from.
 */
export interface RuntimeWeight {
  readonly weight: number;
  readonly done: boolean;
}

export const PYTHON_NODE_WEIGHT = 1;
export const OTHER_RUNTIME_WEIGHT = 0.5;

export function runtimeWeight(runtime: string): RuntimeWeight {
  if (/^provided(\.|$)/.test(runtime)) return { weight: 0, done: true };
  if (/^(python|nodejs)/.test(runtime)) return { weight: PYTHON_NODE_WEIGHT, done: false };
  return { weight: OTHER_RUNTIME_WEIGHT, done: false };
}
