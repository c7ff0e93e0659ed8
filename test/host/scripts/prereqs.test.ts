// The set-up scripts' decisions: what to do about missing Debian packages, the environment of the nested
// code-server install, the port and extension link of `npm start`.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptPlan, nestedInstallEnv } from '../../../scripts/lib/prereqs.mjs';
import { DEFAULT_PORT, linkExtension, pickPort } from '../../../scripts/lib/startProfile.mjs';

describe('prerequisites', () => {
  it('installs missing Debian packages as root, and otherwise stops with the exact command', () => {
    assert.deepEqual(aptPlan([], false), { action: 'none' });
    assert.deepEqual(aptPlan(['chromium', 'python3'], true), {
      action: 'install',
      command: 'apt-get update && apt-get install -y chromium python3',
    });
    const plan = aptPlan(['chromium'], false);
    assert.equal(plan.action, 'fail');
    assert.match(plan.message ?? '', /Missing Debian packages: chromium\./);
    assert.match(plan.message ?? '', /sudo sh -c 'apt-get update && apt-get install -y chromium'/);
  });

  it('runs the nested install without the parent npm lifecycle, on Node 24 first on PATH', () => {
    const env = nestedInstallEnv(
      {
        PATH: '/work/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/bin',
        HOME: '/root',
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_lifecycle_event: 'test',
        npm_package_name: 'aio-coder',
        npm_execpath: '/usr/lib/npm-cli.js',
        npm_config_nodedir: '/usr',
        NPM_CONFIG_LOGLEVEL: 'silent',
        INIT_CWD: '/work',
        NODE: '/usr/bin/node',
        npm_config_registry: 'http://registry.example/',
      },
      '/cache/node-v24',
    );
    assert.equal(env.npm_config_user_agent, undefined, 'code-server reads the Node version from the user agent');
    assert.equal(env.npm_lifecycle_event, undefined);
    assert.equal(env.npm_package_name, undefined);
    assert.equal(env.npm_execpath, undefined);
    assert.equal(env.NPM_CONFIG_LOGLEVEL, undefined);
    assert.equal(env.INIT_CWD, undefined);
    assert.equal(env.NODE, undefined);
    assert.equal(env.npm_config_registry, 'http://registry.example/', 'a registry set on purpose is kept');
    assert.equal(env.npm_config_nodedir, '/cache/node-v24', 'native modules build against Node 24 headers');
    assert.equal(env.PATH, '/cache/node-v24/bin:/usr/bin');
    assert.equal(env.HOME, '/root');
  });
});

describe('npm start profile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aio-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('links the checkout into the extensions folder as publisher.name-version, replacing other versions', () => {
    const ext = join(dir, 'extensions');
    mkdirSync(join(ext, 'aio-coder.aio-coder-0.0.9'), { recursive: true });
    mkdirSync(join(ext, 'someone.else-1.0.0'), { recursive: true });
    const link = linkExtension(ext, '/checkout', { publisher: 'aio-coder', name: 'aio-coder', version: '0.1.0' });
    assert.equal(link, join(ext, 'aio-coder.aio-coder-0.1.0'));
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), '/checkout');
    assert.deepEqual(readdirSync(ext).sort(), ['aio-coder.aio-coder-0.1.0', 'someone.else-1.0.0']);
    linkExtension(ext, '/moved-checkout', { publisher: 'aio-coder', name: 'aio-coder', version: '0.1.0' });
    assert.equal(readlinkSync(link), '/moved-checkout');
  });

  it('uses $PORT when set (0 = a free port that is then the real one), else the remembered port', async () => {
    assert.equal((await pickPort('8123', undefined)).port, 8123);
    const free = (await pickPort('0', 9999)).port;
    assert.ok(free > 0 && free !== 9999);
    await assert.rejects(pickPort('http', undefined), /PORT must be a port number/);
    const kept = await pickPort(undefined, free);
    assert.deepEqual(kept, { port: free });
  });

  it('moves to a free port, and says the key must be set again, when the remembered one is busy', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await pickPort(undefined, port);
      assert.notEqual(r.port, port);
      assert.match(
        r.note ?? '',
        new RegExp(`Port ${port}, used by this profile last time, is busy: using ${r.port}\\..*set the key again`),
      );
      assert.ok(DEFAULT_PORT > 0);
    } finally {
      busy.close();
    }
  });
});
