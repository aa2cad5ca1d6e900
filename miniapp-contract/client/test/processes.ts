// Starts the service jar (embedded MariaDB, WeChat simulator, demo data) or Prism's mock of the contract as a
// child process, and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const contractDir = join(__dirname, '..', '..');

export interface Running {
  baseUrl: string;
  stop(): Promise<void>;
}

async function until(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process ended (${child.exitCode}) before answering ${url}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${seconds} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function stopper(child: ChildProcess, cleanup = () => {}): () => Promise<void> {
  return async () => {
    const ended = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await ended;
    cleanup();
  };
}

export async function startService(port: number): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yuhao-kit-'));
  const jar = join(contractDir, '..', 'api', 'target', 'yuhao-care-api.jar');
  const child = spawn('java', ['-jar', jar, 'serve', '--demo'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DB_URL: '', APP_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(`${baseUrl}/ready`, child, 240);
  return { baseUrl, stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })) };
}

export async function startPrism(port: number): Promise<Running> {
  const prism = join(contractDir, 'node_modules', '.bin', 'prism');
  const child = spawn(prism, ['mock', join(contractDir, 'openapi.yaml'), '--port', String(port), '--host', '127.0.0.1', '--errors'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(`${baseUrl}/health`, child, 120);
  return { baseUrl, stop: stopper(child) };
}
