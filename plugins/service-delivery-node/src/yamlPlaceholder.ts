/*
 * `serviceDelivery: { $yaml: ./service-delivery.yaml }` next to a local catalog file, read the same
 * way by the catalog module and by the command-line validator.
 */
import { constants, promises as fs } from 'fs';
import path from 'path';
import yaml from 'yaml';

/**
 * The most a `$yaml` file may hold: 256 KiB.
 *
 * @public
 */
export const maxYamlPlaceholderBytes = 256 * 1024;

const maxSize = '256 KiB';

/**
 * Why a `$yaml` file cannot be used. The message names the file as it is relative to the folder of
 * the catalog file, never by its place on the server.
 *
 * @public
 */
export class YamlPlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlPlaceholderError';
  }
}

/** Whether `file` is `folder` or below it; both are absolute. */
function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return (
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** The reason a file system call failed, without the path Node puts in its message. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a folder on the way is a file';
    case 'ELOOP':
      return 'it is a symbolic link, or there are too many on the way';
    default:
      return code ? `error ${code}` : 'unknown error';
  }
}

function tooLarge(shownAs: string, bytes?: number): YamlPlaceholderError {
  const size = bytes === undefined ? '' : ` (it holds ${bytes} bytes)`;
  return new YamlPlaceholderError(
    `${shownAs} is larger than ${maxSize}, the most a $yaml file may hold${size}`,
  );
}

/**
 * Reads the text of a `$yaml` file: exactly one YAML document of at most
 * {@link maxYamlPlaceholderBytes}. `shownAs` names the file in messages.
 *
 * @throws {@link YamlPlaceholderError} when it is larger, holds no or several documents, or is not
 *   valid YAML
 * @public
 */
export function parseYamlPlaceholder(
  content: Buffer | string,
  shownAs: string,
): unknown {
  const bytes =
    typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (bytes > maxYamlPlaceholderBytes) {
    throw tooLarge(shownAs, bytes);
  }
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const documents = yaml.parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) {
    throw new YamlPlaceholderError(
      `${shownAs} must hold exactly one YAML document (found ${
        Array.isArray(documents) ? documents.length : 0
      })`,
    );
  }
  const [document] = documents;
  if (document.errors.length > 0) {
    throw new YamlPlaceholderError(
      `${shownAs} is not valid YAML: ${
        document.errors[0].message.split('\n')[0]
      }`,
    );
  }
  return document.toJSON();
}

/**
 * Reads the file that a `$yaml` placeholder in the local catalog file `catalogFile` names by the
 * path `reference`, relative to the catalog file's folder. The file must be in that folder or below
 * it, by its real path: a symbolic link that leads out of the folder is refused, as is anything
 * but a regular file, and a file larger than {@link maxYamlPlaceholderBytes}.
 *
 * @returns the one YAML document of the file
 * @throws {@link YamlPlaceholderError} naming the file relative to the catalog file's folder
 * @public
 */
export async function readYamlPlaceholderFile(
  catalogFile: string,
  reference: string,
): Promise<unknown> {
  const folder = path.dirname(path.resolve(catalogFile));
  const file = path.resolve(folder, reference);
  const shownAs = path.relative(folder, file) || '.';
  if (!isInside(folder, file)) {
    throw new YamlPlaceholderError(
      `${shownAs} is outside the folder of the catalog file; a $yaml file must be in that folder or below it`,
    );
  }

  let realFolder: string;
  let realFile: string;
  try {
    realFolder = await fs.realpath(folder);
  } catch (error) {
    throw new YamlPlaceholderError(
      `cannot read the folder of the catalog file: ${reason(error)}`,
    );
  }
  try {
    realFile = await fs.realpath(file);
  } catch (error) {
    throw new YamlPlaceholderError(`cannot read ${shownAs}: ${reason(error)}`);
  }
  if (!isInside(realFolder, realFile)) {
    throw new YamlPlaceholderError(
      `${shownAs} leads outside the folder of the catalog file through a symbolic link; a $yaml file must be in that folder or below it`,
    );
  }

  // Not following a link here: the real path has none, unless one was put in its place since.
  // Not blocking: a named pipe would otherwise hold the read until something writes to it.
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(
      realFile,
      constants.O_RDONLY |
        (constants.O_NOFOLLOW ?? 0) |
        (constants.O_NONBLOCK ?? 0),
    );
  } catch (error) {
    throw new YamlPlaceholderError(`cannot read ${shownAs}: ${reason(error)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new YamlPlaceholderError(`${shownAs} is not a file`);
    }
    if (stat.size > maxYamlPlaceholderBytes) {
      throw tooLarge(shownAs, stat.size);
    }
    // one byte more than allowed tells a file that grew since from one that did not
    const buffer = Buffer.alloc(maxYamlPlaceholderBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(
        buffer,
        length,
        buffer.length - length,
        length,
      );
      if (bytesRead === 0) {
        break;
      }
      length += bytesRead;
    }
    if (length > maxYamlPlaceholderBytes) {
      throw tooLarge(shownAs);
    }
    return parseYamlPlaceholder(buffer.subarray(0, length), shownAs);
  } catch (error) {
    if (error instanceof YamlPlaceholderError) {
      throw error;
    }
    throw new YamlPlaceholderError(`cannot read ${shownAs}: ${reason(error)}`);
  } finally {
    await handle.close();
  }
}
