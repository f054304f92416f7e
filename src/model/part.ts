import { fileMemo } from './file-memo';
import type { FileModel } from './index';

/**
 * A part of the model that some rules need: built on first use for each file and shared by the
 * rules linting it, like the parts `FileModel` holds itself. Remembered with the file's model
 * for as long as that file is linted (file-memo.ts), so nothing outlives it.
 *
 * `export const getStreaming = modelPart((model) => new StreamingIndex(model));`
 */
export function modelPart<Part>(build: (model: FileModel) => Part): (model: FileModel) => Part {
  return (model) => fileMemo(model.sourceCode, build, build, model);
}
