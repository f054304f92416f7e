import type { FileModel } from './index';

/**
 * A part of the model that some rules need: built on first use for each file and shared by the
 * rules linting it, like the parts `FileModel` holds itself. Keyed by the file's model, which
 * lives as long as one lint of the file, so nothing outlives it.
 *
 * `export const getStreaming = modelPart((model) => new StreamingIndex(model));`
 */
export function modelPart<Part>(build: (model: FileModel) => Part): (model: FileModel) => Part {
  const built = new WeakMap<FileModel, Part>();
  return (model) => {
    let part = built.get(model);
    if (part === undefined) {
      part = build(model);
      built.set(model, part);
    }
    return part;
  };
}
