import { GLOBAL } from '../bindings';
import { axios } from './libraries/axios';
import { globalFetch, nodeFetch } from './libraries/fetch';
import { got } from './libraries/got';
import { ky } from './libraries/ky';
import { needle } from './libraries/needle';
import { nodeHttp } from './libraries/node-http';
import { ofetch } from './libraries/ofetch';
import { superagent } from './libraries/superagent';
import { undici } from './libraries/undici';
import type { ClientRecognizer } from './recognizer';
import type { ClientLibrary } from './types';

/** Which recognizer knows the exports of each module (normalised specifiers, `#global` for `fetch`). */
const BY_MODULE: Readonly<Record<string, ClientRecognizer>> = {
  [GLOBAL]: globalFetch,
  'node-fetch': nodeFetch,
  undici,
  http: nodeHttp,
  https: nodeHttp,
  axios,
  got,
  ky,
  superagent,
  ofetch,
  needle,
};

/** Which recognizer knows the methods of an instance of each library. */
const BY_LIBRARY: Readonly<Record<ClientLibrary, ClientRecognizer>> = {
  fetch: globalFetch,
  'node-fetch': nodeFetch,
  undici,
  http: nodeHttp,
  https: nodeHttp,
  axios,
  got,
  ky,
  superagent,
  ofetch,
  needle,
};

/** The modules whose imports make a file worth analysing. */
export const CLIENT_MODULES: ReadonlySet<string> = new Set(Object.keys(BY_MODULE).filter((module) => module !== GLOBAL));

export function recognizerForModule(module: string): ClientRecognizer | undefined {
  return Object.hasOwn(BY_MODULE, module) ? BY_MODULE[module] : undefined;
}

export function recognizerForLibrary(library: ClientLibrary): ClientRecognizer {
  return BY_LIBRARY[library];
}
