/**
 * Erlang's loss formula: with Poisson arrivals offering `load` erlangs (mean busy servers, by
 * Little's law arrival rate x service time) to `servers` servers and no queue, the share of
 * arrivals that find every server busy. Provisioned concurrency is such a system: an
 * invocation that finds every provisioned environment busy is not queued, it spills over to
 * on-demand ones.
 *
 * The recurrence B(0) = 1, B(n) = load B(n-1) / (n + load B(n-1)) is the standard stable way to
 * compute it: no factorials, no overflow.
 */
export function erlangLoss(servers: number, load: number): number {
  let blocking = 1;
  for (let n = 1; n <= servers; n++) {
    blocking = (load * blocking) / (n + load * blocking);
  }
  return blocking;
}

/** The fewest servers whose loss is at most `target` (a share from 0 excluded to 1), and that loss. */
export function serversForLoss(load: number, target: number): { servers: number; loss: number } {
  let servers = 0;
  let loss = 1;
  // Loss falls with each server, below `target` once servers exceed the load by a few standard
  // deviations (about sqrt(load)): the loop ends after about load + a few sqrt(load) steps.
  while (loss > target) {
    servers += 1;
    loss = (load * loss) / (servers + load * loss);
  }
  return { servers, loss };
}
