import { describe, expect, it } from 'vitest';

import { analyze } from '../analyze';
import { appsIn, handlersIn } from './summary';

const parser = 'typescript';

describe('nestjs', () => {
  it('lists the application NestFactory.create returns', () => {
    const code = "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, { bodyParser: false });\n  await app.listen(3000);\n}";
    expect(appsIn(code, { parser })).toEqual(['nestjs app']);
    const { model, find } = analyze(code, { parser });
    expect(model.frameworks.resolveApp(find('MemberExpression', 'app.listen').object)).toBe(model.frameworks.apps[0]);
  });

  it('lists it through a CommonJS require', () => {
    const code = "const { NestFactory } = require('@nestjs/core');\nNestFactory.create(AppModule).then((app) => app.listen(3000));";
    expect(appsIn(code, { parser: 'espree', sourceType: 'commonjs' })).toEqual(['nestjs app']);
  });

  it('reads controller routes and their parameter decorators', () => {
    const code = `
import { Controller, Get, Post, Sse, Req, Res, Next, Body } from '@nestjs/common';
import type { Request, Response } from 'express';

@Controller('cats')
export class CatsController {
  @Get()
  findAll(@Req() req: Request) { return []; }

  @Post(':id')
  async create(@Body() body: unknown, @Res() res: Response, @Next() next: () => void) {}

  @Sse('events')
  events() {}

  helper(req: Request) {}
}`;
    expect(handlersIn(code, { parser })).toEqual([
      'nestjs route decorator request=req',
      'nestjs route decorator response=res next=next',
      'nestjs route decorator',
      // Not a route; its parameter type alone makes it per-request code.
      'express route type-annotation request=req',
    ]);
  });

  it('accepts every route decorator, also through a namespace import and Request/Response aliases', () => {
    const methods = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search', 'Sse'];
    const code = `
import * as common from '@nestjs/common';
@common.Controller()
class C {
${methods.map((m, i) => `  @common.${m}() m${i}(@common.Request() rq, @common.Response() rs) {}`).join('\n')}
}`;
    expect(handlersIn(code, { parser })).toEqual(methods.map(() => 'nestjs route decorator request=rq response=rs'));
  });

  it('records the decorator as the registration', () => {
    const { model, find } = analyze("import { Controller, Get } from '@nestjs/common';\n@Controller()\nclass C { @Get('x') get() {} }", { parser });
    expect(model.frameworks.handlers[0]?.registration).toBe(find('Decorator', "@Get('x')"));
  });

  it('reads NestMiddleware classes', () => {
    const code = `
import { Injectable, NestMiddleware } from '@nestjs/common';
@Injectable()
export class LoggerMiddleware implements NestMiddleware {
  use(req: any, res: any, next: () => void) { next(); }
  other(req: any) {}
}`;
    expect(handlersIn(code, { parser })).toEqual(['nestjs middleware type-annotation request=req response=res next=next']);
  });

  describe('look-alikes', () => {
    it.each([
      ['routes outside a controller', "import { Get, Injectable } from '@nestjs/common';\n@Injectable()\nclass S { @Get() find() {} }"],
      ['decorators from elsewhere', "import { Controller, Get } from './decorators';\n@Controller()\nclass C { @Get() find() {} }"],
      ['a local Controller decorator', "import { Get } from '@nestjs/common';\nfunction Controller() { return (c: unknown) => {}; }\n@Controller()\nclass C { @Get() find() {} }"],
      ['a local NestMiddleware interface', 'interface NestMiddleware { use(): void }\nclass M implements NestMiddleware { use(req: any, res: any, next: any) {} }'],
    ])('%s', (_, code) => {
      expect(handlersIn(code, { parser })).toEqual([]);
    });
  });
});
