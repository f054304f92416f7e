import { describe, expect, it } from 'vitest';

import { analyze } from '../analyze';
import { handlersIn } from './summary';

const parser = 'typescript';

describe('request-type annotations', () => {
  it.each([
    ["import { Request, Response } from 'express';\nfunction h(req: Request, res: Response) {}", 'express route type-annotation request=req response=res'],
    ["import type { Request } from 'express';\nconst h = (req: Request) => {};", 'express route type-annotation request=req'],
    ["import express from 'express';\nfunction h(req: express.Request, res: express.Response, next: express.NextFunction) {}", 'express middleware type-annotation request=req response=res next=next'],
    ["import * as e from 'express';\nfunction h(req: e.Request<{ id: string }>) {}", 'express route type-annotation request=req'],
    ["import { Request } from 'express';\nfunction h(err: Error, req: Request, res: unknown, next: unknown) {}", 'express error-middleware type-annotation error=err request=req response=res next=next'],
    ["import { IncomingMessage, ServerResponse } from 'node:http';\nfunction h(req: IncomingMessage, res: ServerResponse) {}", 'node-http route type-annotation request=req response=res'],
    ["import * as http from 'http';\nfunction h(req: http.IncomingMessage, res: http.ServerResponse, next: () => void) {}", 'node-http middleware type-annotation request=req response=res next=next'],
    ["import { Http2ServerRequest } from 'http2';\nfunction h(req: Http2ServerRequest, res: unknown) {}", 'node-http route type-annotation request=req response=res'],
    ["import { FastifyRequest, FastifyReply } from 'fastify';\nasync function h(request: FastifyRequest<{ Body: X }>, reply: FastifyReply) {}", 'fastify route type-annotation request=request response=reply'],
    ["import { Context } from 'koa';\nasync function h(ctx: Context) {}", 'koa route type-annotation context=ctx'],
    ["import Koa from 'koa';\nasync function h(ctx: Koa.ParameterizedContext, next: Koa.Next) {}", 'koa middleware type-annotation context=ctx next=next'],
    ["import type { Context, Next } from 'hono';\nasync function h(c: Context, next: Next) {}", 'hono middleware type-annotation context=c next=next'],
    ["import type { Context } from 'hono';\nconst h = (c: Context) => c.text('ok');", 'hono route type-annotation context=c'],
    ["import { NextRequest } from 'next/server';\nexport async function handle(req: NextRequest) {}", 'nextjs route type-annotation request=req'],
    ["import type { NextApiRequest, NextApiResponse } from 'next';\nexport function handle(req: NextApiRequest, res: NextApiResponse) {}", 'nextjs route type-annotation request=req response=res'],
    ["import { Request } from 'express';\nfunction h(this: unknown, req: Request) {}", 'express route type-annotation request=req'],
  ])('%s', (code, expected) => {
    expect(handlersIn(code, { parser })).toEqual([expected]);
  });

  it('follows import x = require()', () => {
    expect(handlersIn("import express = require('express');\nfunction h(req: express.Request) {}", { parser })).toEqual(['express route type-annotation request=req']);
  });

  it('records the annotation as the registration', () => {
    const { model, find } = analyze("import { Request } from 'express';\nfunction h(req: Request) {}", { parser });
    expect(model.frameworks.handlers[0]?.registration).toBe(find('TSTypeReference', 'Request'));
  });

  it.each([
    ["import type { RequestHandler } from 'express';\nconst h: RequestHandler = (req, res, next) => next();", 'express middleware type-annotation request=req response=res next=next'],
    ["import express from 'express';\nexport const h: express.RequestHandler = async (req, res) => {};", 'express route type-annotation request=req response=res'],
    ["import { ErrorRequestHandler } from 'express';\nconst h: ErrorRequestHandler = (err, req, res, next) => {};", 'express error-middleware type-annotation error=err request=req response=res next=next'],
    ["import type { MiddlewareHandler } from 'hono';\nconst h: MiddlewareHandler = async (c, next) => {};", 'hono middleware type-annotation context=c next=next'],
    ["import type { NextApiHandler } from 'next';\nconst h: NextApiHandler = (req, res) => {};", 'nextjs route type-annotation request=req response=res'],
  ])('reads a const typed as a handler: %s', (code, expected) => {
    expect(handlersIn(code, { parser })).toEqual([expected]);
  });

  describe('look-alikes', () => {
    it.each([
      ['a local interface named Request', 'interface Request { url: string }\nfunction h(req: Request) {}'],
      ['the global Web Request', 'function h(req: Request) {}'],
      ['Request from another package', "import { Request } from 'undici';\nfunction h(req: Request) {}"],
      ['Context from another package', "import { Context } from 'aws-lambda';\nfunction h(ctx: Context) {}"],
      ['a request type in a later parameter', "import { Request } from 'express';\nfunction h(id: string, req: Request) {}"],
      ['a client response callback (IncomingMessage alone)', "import http, { IncomingMessage } from 'http';\nhttp.get('http://x', (res: IncomingMessage) => res.resume());"],
      ['a Response annotation', "import { Response } from 'express';\nfunction h(res: Response) {}"],
      ['an app type', "import { Express } from 'express';\nfunction setup(app: Express) {}"],
    ])('%s', (_, code) => {
      expect(handlersIn(code, { parser })).toEqual([]);
    });
  });

  it('lets a registration win over the annotation of the same function', () => {
    const code = "import express, { Request, Response } from 'express';\nconst app = express();\napp.get('/', handler);\nfunction handler(req: Request, res: Response) {}";
    const { model } = analyze(code, { parser });
    expect(model.frameworks.handlers).toHaveLength(1);
    expect(model.frameworks.handlers[0]).toMatchObject({ source: 'reference', app: model.frameworks.apps[0] });
  });
});
