import { spawn, type ChildProcess } from 'node:child_process';

/** Starts a Node app as a child whose output goes to our terminal; `onExit` hears when it stops on its own. */
export function startApp(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  onExit: (code: number | null) => void,
): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code) => onExit(code));
  child.once('error', (error) => {
    process.stderr.write(`${name}: ${error.message}\n`);
    onExit(1);
  });
  return child;
}
