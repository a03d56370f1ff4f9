// Stoplight Prism (`prism mock <spec>`) run inside this process, so a benchmark helper (servers/serve.ts) can
// measure its CPU and stop it with everything else. `cli` is Prism's CLI file as scripts/prism.mjs installs it.
// Prism runs quiet (`-v fatal`): its default logs several lines per request, work the mock grid (no logger)
// does not do. Quiet, it does not print its port, so a free one is picked first (127.0.0.1, from port 0).

import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export interface PrismServer {
  url: string;
}

export async function startPrism(cli: string, spec: string): Promise<PrismServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Prism's CLI is a yargs program that reads process.argv when it is loaded.
  process.argv = [process.execPath, cli, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'fatal', spec];
  createRequire(import.meta.url)(cli);
  // Ready once it answers (it reads and dereferences the spec first). Bounded only to end a hung start.
  for (let tries = 0; tries < 600; tries++) {
    try {
      if ((await fetch(`${url}/v1/models`)).ok) return { url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prism did not answer on ${url} within 60 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
