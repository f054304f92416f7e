// The words of the rule's messages and fixes, per kind of body holder and library.
import type { BodyHolder } from '../../src/domain/response-bodies';
import type { ClientLibrary } from '../../src/model/clients';
import type { UnreadableResponse } from '../../src/model/clients/responses';
import type { Step } from '../../src/model/paths';

/** How the message names the path that drops the body. */
export function describePath(mark: Step): string {
  switch (mark.node.type) {
    case 'ReturnStatement':
      return 'the path that returns here';
    case 'ThrowStatement':
      return 'the path that throws here';
    case 'ContinueStatement':
      return 'the path that continues the loop here';
    case 'BreakStatement':
      return 'the path that leaves the loop here';
    default:
      return 'the path that ends here';
  }
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The statement that releases a body held in `name`. */
export function releaseText(holder: BodyHolder, library: ClientLibrary, name: string, canAwait: boolean): string {
  const wait = canAwait ? 'await' : 'void';
  switch (holder) {
    case 'incoming-message':
      return `${name}.resume();`;
    case 'fetch-response':
      return library === 'node-fetch' ? `${name}.body?.resume();` : `${wait} ${name}.body?.cancel();`;
    case 'fetch-body':
      return library === 'node-fetch' ? `${name}?.resume();` : `${wait} ${name}?.cancel();`;
    case 'undici-result':
      return `${wait} ${name}.body.dump();`;
    case 'undici-body':
      return `${wait} ${name}.dump();`;
  }
}

/** What the message tells to do with a body held in `name`. */
export function adviceFor(holder: BodyHolder, library: ClientLibrary, name: string): string {
  switch (holder) {
    case 'incoming-message':
      return `Read it, or call \`${name}.resume()\` to drain it`;
    case 'fetch-response':
      return library === 'node-fetch'
        ? `Read it, or drain it with \`${name}.body?.resume()\``
        : `Read it, or cancel it with \`await ${name}.body?.cancel()\``;
    case 'fetch-body':
      return library === 'node-fetch' ? `Read it, or drain it with \`${name}?.resume()\`` : `Read it, or cancel it with \`await ${name}?.cancel()\``;
    case 'undici-result':
      return `Read it, or call \`await ${name}.body.dump()\``;
    case 'undici-body':
      return `Read it, or call \`await ${name}.dump()\``;
  }
}

/** What to do with the response a callback ignores. */
export function ignoredAdvice(response: UnreadableResponse): string {
  if (response.holder === 'incoming-message') return 'Take the response and call `res.resume()` on it';
  if (response.holder === 'undici-result') return 'Take the result and call `await body.dump()`';
  return response.call.library === 'node-fetch'
    ? 'Take the response and drain it with `res.body?.resume()`'
    : 'Take the response and cancel its body with `res.body?.cancel()`';
}

/** What to do with a discarded response. */
export function discardedAdvice(response: UnreadableResponse): string {
  if (response.holder === 'undici-result') return 'Read the body, or call `dump()` on it';
  return response.call.library === 'node-fetch'
    ? 'Read the body, or drain it with `res.body?.resume()`'
    : 'Read the body, or cancel it with `res.body?.cancel()`';
}

/** What to do when a destructuring keeps only metadata. */
export function bodyAdvice(response: UnreadableResponse): string {
  if (response.holder === 'undici-result') return 'Keep `body` too and call `await body.dump()`';
  return response.call.library === 'node-fetch'
    ? 'Keep `body` too and drain it with `body?.resume()`'
    : 'Keep `body` too and call `await body?.cancel()`';
}
