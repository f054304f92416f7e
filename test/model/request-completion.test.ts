import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { findCompletionPoints, findUncaughtRejection } from '../../src/model/request-completion';
import { findDependencyRanges, pinnedMajor } from '../../src/utils/package-dependencies';
import { analyze, PARSERS } from './analyze';

const EXPRESS = "import express from 'express';\nconst app = express();\n";

/** The source text of each completion point of the first handler in `code`. */
function points(code: string, parser: (typeof PARSERS)[number]): string[] | undefined {
  const { model, text } = analyze(`${EXPRESS}${code}`, { parser });
  const handler = model.frameworks.handlers[0]!;
  return findCompletionPoints(model, handler)?.map((node) => text(node).split('\n')[0]!);
}

describe.each(PARSERS)('findCompletionPoints (%s)', (parser) => {
  it('finds responding calls, next calls and hand-offs, not header setters or reads', () => {
    expect(
      points(
        `app.use((req, res, next) => {
  res.status(401);
  res.set('x', 'y');
  res.locals.seen.push(req.params.id);
  const { body } = req;
  if (req.get('x')) return res.status(404).json({});
  if (body) return next();
  auth(req);
  res.boom.notFound();
});`,
        parser,
      ),
    ).toEqual(["res.status(404).json({})", 'next', 'req', 'res.boom.notFound()']);
  });

  it('counts a callback at its creation, and a same-file helper where it is referenced', () => {
    expect(
      points(
        `app.use((req, res, next) => {
  const fail = (code) => res.sendStatus(code);
  items.filter((item) => item.id === req.params.id);
  if (!req.user) return fail(401);
  verify().then(() => next());
});`,
        parser,
      ),
    ).toEqual(['fail', '() => next()']);
  });

  it('gives up on arguments, on reassigned parameters and without a next parameter', () => {
    expect(points('app.use(function (req, res, next) { go.apply(this, arguments); });', parser)).toBeUndefined();
    expect(points('app.use((req, res, next) => { next = wrap(next); next(); });', parser)).toBeUndefined();
    expect(points("app.get('/x', (req, res) => { res.end(); });", parser)).toBeUndefined();
  });
});

describe.each(PARSERS)('findUncaughtRejection (%s)', (parser) => {
  const first = (code: string) => {
    const { model, text } = analyze(`${EXPRESS}${code}`, { parser });
    const point = findUncaughtRejection(model.frameworks.handlers[0]!.fn, model.sourceCode.visitorKeys);
    return point && text(point);
  };

  it('finds the first await, for await or throw outside a catching try', () => {
    expect(first("app.get('/a', async (req, res) => { res.json(await load()); });")).toBe('await load()');
    expect(first("app.get('/a', async (req, res) => { for await (const x of s) res.write(x); res.end(); });")).toMatch(/^for await/);
    expect(first("app.get('/a', async (req, res) => { if (!req.user) throw new Error('x'); res.end(); });")).toBe("throw new Error('x');");
  });

  it('skips awaits in a try whose catch keeps the error, and caught promises', () => {
    expect(first("app.get('/a', async (req, res, next) => { try { res.json(await load()); } catch (e) { next(e); } });")).toBeUndefined();
    expect(first("app.get('/a', async (req, res, next) => { res.json(await load().catch(next)); });")).toBeUndefined();
    expect(first("app.get('/a', async (req, res) => { setTimeout(async () => { await later(); }); res.end(); });")).toBeUndefined();
    expect(first("app.get('/a', (req, res) => { res.end(); });")).toBeUndefined();
  });

  it('reports awaits in a try whose catch rethrows', () => {
    expect(first("app.get('/a', async (req, res) => { try { await a(); } catch (e) { if (e.x) return res.end(); throw e; } });")).toBe('await a()');
  });
});

describe('express version from package.json', () => {
  const versions = path.join(import.meta.dirname, '../../fixtures/express-version');

  it('reads the nearest package.json that declares one of the names', () => {
    expect(findDependencyRanges(path.join(versions, 'express-4/src/app.js'), ['express'])).toEqual(new Map([['express', '^4.21.2']]));
    expect(
      findDependencyRanges(path.join(versions, 'express-4-async-errors/a/b/app.js'), ['express', 'express-async-errors']),
    ).toEqual(new Map([['express', '~4.21.0'], ['express-async-errors', '^3.1.1']]));
    expect(findDependencyRanges(path.join(versions, 'no-express/app.js'), ['express']).size).toBe(0);
    expect(findDependencyRanges('<input>', ['express']).size).toBe(0);
  });

  it('takes the major a range pins, and nothing from ranges that admit several', () => {
    for (const range of ['^4.21.2', '~4.18.0', '4.x', '4', '=4.21.0', '4.21.0', '>=4.17.0 <5', 'npm:express@^4.0.0']) {
      expect(pinnedMajor(range), range).toBe(4);
    }
    expect(pinnedMajor('^5.1.0')).toBe(5);
    for (const range of ['>=4', '*', 'latest', '4 || 5', 'workspace:*', '>=4 <6', 'github:expressjs/express']) {
      expect(pinnedMajor(range), range).toBeUndefined();
    }
  });
});
