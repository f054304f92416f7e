// The audit of each fixture project under fixtures/audit/: its exact inventory and cross-file
// findings. Each expectation was read against the fixture's code (the comments there say why).
import { describe, expect, it } from 'vitest';

import {
  auditFixture,
  clientLines,
  findingLines,
  relatedLines,
  routeLines,
  serverLine,
  settingLines,
  shutdownLines,
} from './helpers';

describe('express split across files (TypeScript, tsconfig.json)', () => {
  const report = () => auditFixture('express-split');

  it('loads the tsconfig project', () => {
    expect(report().config).toBe('tsconfig.json');
    expect(report().files).toBe(8);
    expect(report().diagnostics).toEqual([]);
  });

  it('finds the server app.ts makes and index.ts starts, with its effective settings', () => {
    const [server, ...rest] = report().inventory.servers;
    expect(rest).toEqual([]);
    expect(serverLine(server!)).toBe('server express/listen@src/index.ts:3:16 started=[src/index.ts:3:16] shutdown=missing');
    expect(settingLines(server!)).toEqual([
      'keepAliveTimeout=5000 (default)',
      'headersTimeout=30000 (set src/index.ts:4:1)',
      'requestTimeout=300000 (default)',
      'timeout=0 (default)',
      'maxHeaderSize=16384 (default)',
      'maxRequestsPerSocket=0 (default)',
    ]);
  });

  it('lists routes with their mount prefix and the handlers of other modules', () => {
    expect(routeLines(report())).toEqual([
      'express middleware USE -> requestLog@src/middleware/log.ts:5:8 via src/app.ts:10:1 (cross-file)',
      'express middleware USE -> auth@src/middleware/auth.ts:2:8 via src/app.ts:11:1 (cross-file)',
      'express route GET /users/:id -> getUser@src/controllers/users.ts:6:8 via src/routes/users.ts:7:1 (cross-file)',
      'express route POST /users -> createUser@src/controllers/users.ts:12:8 via src/routes/users.ts:8:1 (cross-file)',
    ]);
  });

  it('lists the clients and the files that call them', () => {
    expect(clientLines(report())).toEqual([
      'axios client usersApi@src/http.ts:4:25 deadline=missing usedIn=[src/controllers/users.ts]',
      'axios client billingApi@src/http.ts:6:27 deadline=present usedIn=[src/controllers/users.ts]',
    ]);
    expect(shutdownLines(report())).toEqual([]);
  });

  it('reports what only the whole program shows, once', () => {
    expect(findingLines(report())).toEqual([
      // getUser is a handler only because routes/users.ts registers it.
      'src/controllers/users.ts:7:20 no-sync-io-in-handler blockingCall',
      // …and it waits on usersApi, which http.ts creates without a deadline.
      'src/controllers/users.ts:8:26 require-handler-timeout noDeadline',
      // index.ts starts the app of app.ts; nothing anywhere closes it, and keep-alive is Node's 5 s.
      'src/index.ts:3:16 require-graceful-shutdown noSigtermHandler',
      'src/index.ts:3:16 require-server-timeouts keepAliveTimeoutMissing',
      // auth is middleware only because app.ts registers it. (log.ts's requestLog has the same
      // defect, but its express types let a lint of that file report it already.)
      'src/middleware/auth.ts:5:5 require-middleware-completion requestHangs',
      // createUser, a handler, calls recordAudit in another module.
      'src/services/audit.ts:4:3 no-sync-io-in-handler blockingCall',
    ]);
    expect(report().findings.map(relatedLines)).toEqual([
      ['src/routes/users.ts:7:1 Registered as the GET /:id route handler here.'],
      ['src/http.ts:4:25 The axios client is created here without a deadline.', 'src/routes/users.ts:7:1 Registered as the GET /:id route handler here.'],
      ['src/app.ts:7:20 The express app is created here.'],
      ['src/app.ts:7:20 The express app is created here.'],
      ['src/app.ts:11:1 Registered as the USE middleware here.'],
      ['src/controllers/users.ts:14:3 Called here by code that runs per request.'],
    ]);
  });

  it('words findings exactly as the rules do', () => {
    const [, timeout] = report().findings;
    expect(timeout?.message).toBe(
      '`axios` has no timeout by default: when the upstream stalls, this request waits forever and holds its socket. Add `timeout`, or a route deadline.',
    );
    expect(timeout?.docs).toBe('https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/rules/require-handler-timeout.md');
  });
});

describe('fastify with plugins (JavaScript ESM, no config)', () => {
  const report = () => auditFixture('fastify-plugins');

  it('walks the folder', () => {
    expect(report().config).toBeNull();
    expect(report().files).toBe(5);
  });

  it('finds the server buildApp() makes, started in server.js, with Fastify defaults', () => {
    const [server, ...rest] = report().inventory.servers;
    expect(rest).toEqual([]);
    expect(serverLine(server!)).toBe('app fastify/fastify@src/app.js:7:15 started=[src/server.js:4:7] shutdown=missing');
    expect(settingLines(server!)).toEqual([
      'keepAliveTimeout=75000 (set src/app.js:7:39)',
      'headersTimeout=60000 (default)',
      'requestTimeout=0 (default)',
      'connectionTimeout=0 (default)',
      'handlerTimeout=0 (default)',
      'maxRequestsPerSocket=0 (default)',
      'bodyLimit=1048576 (default)',
    ]);
  });

  it('sees the routes of plugins registered in another module, under their prefix', () => {
    expect(routeLines(report())).toEqual([
      'fastify route GET /health -> -@src/plugins/health.js:2:26 via src/plugins/health.js:2:3',
      'fastify route GET /users/:id -> getUser@src/handlers/users.js:1:8 via src/plugins/users.js:7:3 (cross-file)',
      'fastify route GET /users -> -@src/plugins/users.js:8:20 via src/plugins/users.js:8:3',
    ]);
  });

  it('reports the plugin route and the unclosed server, and not the fetch a lint already reports', () => {
    expect(findingLines(report())).toEqual([
      'src/plugins/users.js:8:43 no-sync-io-in-handler blockingCall',
      'src/server.js:4:7 require-graceful-shutdown noSigtermHandler',
    ]);
    expect(report().findings.map(relatedLines)).toEqual([[], ['src/app.js:7:15 The server is created here.']]);
  });
});

describe('NestJS modules (decorators, services in other files)', () => {
  const report = () => auditFixture('nestjs-modules');

  it('finds the Nest server and its shutdown hooks', () => {
    const [server] = report().inventory.servers;
    expect(serverLine(server!)).toBe('app nestjs/nestjs@src/main.ts:6:21 started=[src/main.ts:10:9] shutdown=closed');
    expect(settingLines(server!)[0]).toBe('keepAliveTimeout=65000 (set src/main.ts:9:3)');
    expect(shutdownLines(report())).toEqual([
      'nest-shutdown-hooks@src/main.ts:7:3 signals=SIGHUP+SIGINT+SIGQUIT+SIGILL+SIGTRAP+SIGABRT+SIGBUS+SIGFPE+SIGSEGV+SIGUSR2+SIGTERM closes=[] forcedExit=false',
    ]);
  });

  it('lists controller routes with the controller prefix', () => {
    expect(routeLines(report())).toEqual([
      'nestjs route GET /health -> check@src/health/health.controller.ts:6:8 via src/health/health.controller.ts:5:3',
      'nestjs route GET /users/:id -> find@src/users/users.controller.ts:10:7 via src/users/users.controller.ts:9:3',
      'nestjs route GET /users/:id/avatar -> avatar@src/users/users.controller.ts:15:9 via src/users/users.controller.ts:14:3',
    ]);
    expect(clientLines(report())).toEqual([
      'axios client profiles@src/users/profiles.client.ts:3:25 deadline=disabled usedIn=[src/users/users.service.ts]',
    ]);
  });

  it('follows controller calls into the service (`this.users.find`)', () => {
    expect(findingLines(report())).toEqual([
      'src/users/users.service.ts:9:33 no-sync-io-in-handler blockingCall',
      // `profiles` turns its deadline off; `avatar()` passes its own timeout and is fine.
      'src/users/users.service.ts:10:28 require-handler-timeout deadlineOff',
    ]);
    expect(report().findings.map(relatedLines)).toEqual([
      ['src/users/users.controller.ts:11:12 Called here by code that runs per request.'],
      [
        'src/users/profiles.client.ts:3:25 The axios client is created here, its deadline turned off by `timeout: 0`.',
        'src/users/users.controller.ts:11:12 Called here by code that runs per request.',
      ],
    ]);
  });
});

describe('a monorepo package (tsconfig extends the root, a workspace dependency)', () => {
  const report = () => auditFixture('monorepo/packages/api');

  it('audits the package alone, with its engines.node', () => {
    expect(report().files).toBe(3);
    const [server] = report().inventory.servers;
    expect(serverLine(server!)).toBe('server node-http/http@src/server.ts:5:16 started=[src/server.ts:6:1] shutdown=closed');
    expect(server!.settings.find((setting) => setting.name === 'timeout')?.detail).toBe('Node 22 default (no idle timeout)');
    expect(settingLines(server!).slice(0, 3)).toEqual([
      'keepAliveTimeout=65000 (set src/server.ts:5:31)',
      // min(60000, requestTimeout) once requestTimeout is given as an option.
      'headersTimeout=30000 (default)',
      'requestTimeout=30000 (set src/server.ts:5:57)',
    ]);
    expect(shutdownLines(report())).toEqual(['process@src/server.ts:8:1 signals=SIGTERM closes=[src/server.ts:5:16] forcedExit=true']);
  });

  it('follows the request listener into a helper module, and not into the other package', () => {
    expect(routeLines(report())).toEqual(['node-http request-listener ALL -> handleRequest@src/handler.ts:9:8 via src/server.ts:5:16 (cross-file)']);
    // handler.ts's own gzipSync is typed as a listener, so a lint of that file reports it already.
    expect(findingLines(report())).toEqual(['src/status.ts:4:20 no-sync-io-in-handler blockingCall']);
  });
});

describe('express in CommonJS (require, module.exports, exports.x)', () => {
  const report = () => auditFixture('express-commonjs');

  it('follows require() and exports', () => {
    expect(routeLines(report())).toEqual([
      'express route GET /orders -> list@lib/controllers/orders.js:3:16 via lib/routes/orders.js:5:1 (cross-file)',
      'express route POST /orders/sign -> sign@lib/controllers/orders.js:7:16 via lib/routes/orders.js:6:1 (cross-file)',
    ]);
    expect(serverLine(report().inventory.servers[0]!)).toBe('server express/listen@server.js:3:16 started=[server.js:3:16] shutdown=missing');
    expect(clientLines(report())).toEqual(['axios client reportsApi@lib/clients.js:5:20 deadline=missing usedIn=[lib/routes/reports.js]']);
  });

  it('reports the instance other modules call unbounded, the handler, and the exported server nothing closes', () => {
    expect(findingLines(report())).toEqual([
      'lib/clients.js:5:20 no-unbounded-client clientNoDeadline',
      'lib/controllers/orders.js:8:15 no-sync-io-in-handler blockingCall',
      'server.js:3:16 require-graceful-shutdown noSigtermHandler',
    ]);
    expect(report().findings.map(relatedLines)).toEqual([
      ['lib/routes/reports.js:4:26 Called here without a deadline of its own.'],
      ['lib/routes/orders.js:6:1 Registered as the POST /sign route handler here.'],
      [],
    ]);
  });
});

describe('a clean project', () => {
  it('has an inventory and no findings', () => {
    const report = auditFixture('clean');
    expect(serverLine(report.inventory.servers[0]!)).toBe('server express/listen@src/server.js:3:16 started=[src/server.js:3:16] shutdown=closed');
    expect(routeLines(report)).toEqual(['express route GET /users -> listUsers@src/users.js:3:8 via src/app.js:6:1 (cross-file)']);
    expect(shutdownLines(report)).toEqual(['process@src/server.js:6:1 signals=SIGTERM closes=[src/server.js:3:16] forcedExit=true']);
    expect(report.findings).toEqual([]);
  });
});
