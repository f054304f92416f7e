import { createRule } from '../src/utils/create-rule';

export default createRule<[], 'placeholder'>({
  name: 'no-sync-io-in-handler',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow blocking synchronous I/O in code that runs per request', recommended: 'error' },
    messages: { placeholder: 'Placeholder.' },
    schema: [],
    defaultOptions: [],
  },
  create() {
    return {};
  },
});
