import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { RuntimeSpec } from './runtime-spec';

/** What the runtime interface clients report when the function named by `_HANDLER` is not there. */
const HANDLER_MISSING = 'Runtime.HandlerNotFound';
const LIST_TIMEOUT_MS = 10_000;

// The functions the module itself defines (not those it imports), as each client would look them up.
const PYTHON_FUNCTIONS = 'import importlib, json, sys; m = importlib.import_module(sys.argv[1]); '
  + 'print(json.dumps(sorted(n for n, v in vars(m).items() if callable(v) and not n.startswith("_") and getattr(v, "__module__", None) == m.__name__)))';
const NODE_FUNCTIONS = 'const m = require(process.argv[1]); console.log(JSON.stringify(Object.keys(m).filter((n) => typeof m[n] === "function").sort()))';

/**
 * For a twin whose runtime client found no handler: the names its module does export, and the
 * fix. The module is loaded once more, in a child process with the twin's own interpreter and
 * environment, as the client loaded it. Undefined for any other fault.
 */
export async function handlerNotFoundHint(spec: RuntimeSpec, report: string): Promise<string | undefined> {
  if (spec.role !== 'twin') return undefined;
  const handler = spec.launch.env._HANDLER ?? '';
  const dot = handler.lastIndexOf('.');
  const [module, name] = [handler.slice(0, dot), handler.slice(dot + 1)];
  const python = spec.launch.args.includes('awslambdaric');
  const fix = 'give one of them as the twin\'s `handler` (Twin.python / Twin.node), then run `cdk synth` again';
  // An import error is the handler's module missing only when it names that module, not a dependency.
  if (python && report.includes('Runtime.ImportModuleError') && report.includes(`No module named '${module}'`)) {
    const modules = readdirSync(spec.launch.cwd).filter((file) => file.endsWith('.py')).map((file) => file.slice(0, -3)).sort();
    return `The twin's folder has no module ${module}: it has ${modules.join(', ') || 'no .py file'}; give its file as the twin's \`index\` (Twin.python), then run \`cdk synth\` again.`;
  }
  if (!report.includes(HANDLER_MISSING)) return undefined;
  const args = python ? ['-c', PYTHON_FUNCTIONS, module] : ['-e', NODE_FUNCTIONS, `${spec.launch.cwd}/${module}.js`];
  const names = await promisify(execFile)(spec.launch.command, args, { cwd: spec.launch.cwd, env: { ...spec.launch.env }, timeout: LIST_TIMEOUT_MS })
    .then(({ stdout }) => JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[], () => undefined);
  const where = python ? `${module}.py` : `${module}.js (the twin's entry, bundled)`;
  if (names === undefined) return `The twin's handler ${name} was not found in ${where}, whose functions could not be listed: check the twin's \`handler\`.`;
  return names.length === 0
    ? `${where} defines no ${python ? 'function' : 'exported function'}: ${python ? `define \`def ${name}(event, context)\`` : `export it (\`exports.${name} = async (event) => ...\`)`}, or give the twin's \`handler\` the name of the one it has.`
    : `${where} has no ${python ? 'function' : 'exported function'} ${name}; it ${python ? 'defines' : 'exports'} ${names.join(', ')}: ${fix}.`;
}
