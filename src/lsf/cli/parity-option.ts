import { Option } from 'commander';
import { PARITY_MODES } from '../events/answer-comparison';

/** `--parity <mode>`, for every command that checks answers (lsf bench, lsf compare). */
export function parityOption(): Option {
  return new Option('--parity <mode>', 'how answers must agree: auto = an HTTP event\'s answer (API Gateway REST or HTTP API, ALB, function URL, VPC Lattice) '
    + 'as its client receives it (status, headers by name, body by JSON value), any other as a JSON value; json = every answer as a JSON value; '
    + 'strict = byte for byte')
    .choices([...PARITY_MODES]).default('auto');
}
