// The SARIF 2.1.0 JSON schema (OASIS, "2.1.0-rtm.5", the release GitHub code scanning validates
// against), as @microsoft/jest-sarif ships it. Fetched with `npm pack` into the corpus cache at
// test time (sha512-pinned, like the corpus tarballs), never added to the repository.
import { fetchTarball } from '../../scripts/corpus/fetch';
import { readTarGz } from '../../scripts/corpus/tar';

const PACKAGE = {
  name: '@microsoft/jest-sarif',
  version: '1.0.0-beta.0',
  integrity: 'sha512-A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A==',
  include: [''],
  exclude: [],
};
const SCHEMA_PATH = 'package/lib/schemas/sarif-2.1.0-rtm.5.json';

export async function loadSarifSchema(): Promise<Record<string, unknown>> {
  const tarball = await fetchTarball(PACKAGE);
  const file = readTarGz(tarball.data).find((entry) => entry.path === SCHEMA_PATH);
  if (!file) throw new Error(`${PACKAGE.name}@${PACKAGE.version} has no ${SCHEMA_PATH}`);
  return JSON.parse(file.data.toString('utf8')) as Record<string, unknown>;
}
