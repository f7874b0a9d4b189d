import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { invalid } from '../errors';
import { openByteStream, openZipSource, readHead, type ByteSource } from '../intake/source';
import { openWorkbook, type OpenWorkbook } from '../intake/xlsx';

/**
 * What holds an import's data: a plain file, an XLSX workbook, or an export bundle (a ZIP
 * or a folder with one data file and the image files it names). Bundles are read in
 * place: nothing is unpacked to disk.
 */
export interface Container {
  kind: 'file' | 'spreadsheet' | 'zip' | 'folder';
  /** the data file inside a bundle ("export/reads.csv"), null for a plain file */
  entry: string | null;
  /** the data's size in bytes (inside a ZIP: uncompressed) */
  dataSize: number;
  /** the first 64 KB of the data, for detecting its format */
  head: Buffer;
  openData(): Promise<Readable>;
  /** an image the data names ("images/0001.jpg" or "0001.jpg"), or undefined if the bundle has none by that name */
  image(name: string): Promise<Buffer | undefined>;
  /** a spreadsheet's sheets, read through its central directory (undefined for other kinds) */
  workbook?(): Promise<OpenWorkbook>;
  close(): void;
}

/** Limits that stop a ZIP bomb before it is inflated (a real export compresses about 5:1, images not at all). */
export const ZIP_LIMITS = {
  entries: 200_000,
  /** uncompressed bytes of all entries together */
  totalBytes: 16 * 1024 ** 3,
  /** one data file */
  dataBytes: 8 * 1024 ** 3,
  /** one image */
  imageBytes: 32 * 1024 ** 2,
  /** uncompressed / compressed, for entries over 1 MB */
  ratio: 100,
} as const;

const DATA_FILE = /\.(csv|txt|tsv|json|jsonl|ndjson|xml|xlsx)$/i;
const IMAGE_FILE = /\.(jpe?g|png|webp|gif|bmp|tiff?)$/i;
const HEAD_BYTES = 64 * 1024;

export async function openContainer(source: ByteSource | { kind: 'folder'; name: string; path: string }): Promise<Container> {
  if (source.kind === 'folder') return openFolder(source.path);
  const head = await readHead(source, HEAD_BYTES);
  if (!isZip(head)) return plain('file', source, head);
  const zip = await openZip(source);
  const names = new Set(zip.entries.keys());
  if (names.has('[Content_Types].xml') && [...names].some((n) => n.startsWith('xl/'))) {
    zip.close();
    return plain('spreadsheet', source, head);
  }
  return zipBundle(source.name, zip);
}

function isZip(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

function plain(kind: 'file' | 'spreadsheet', source: ByteSource, head: Buffer): Container {
  return {
    kind,
    entry: null,
    dataSize: source.size,
    head,
    openData: async () => openByteStream(source),
    image: async () => undefined,
    ...(kind === 'spreadsheet' ? { workbook: () => openWorkbook(source, source.name) } : {}),
    close: () => {},
  };
}

/** Choose the one data file of a bundle; images are found by the names the data gives. */
function chooseDataFile(bundle: string, names: string[]): string {
  const data = names.filter((n) => DATA_FILE.test(n) && !path.basename(n).startsWith('.'));
  if (data.length === 1) return data[0]!;
  if (data.length === 0) throw invalid('bundle-no-data', `${bundle} holds no data file (CSV, JSON, XML or XLSX) to import.`);
  throw invalid(
    'bundle-several-data',
    `${bundle} holds ${data.length} data files (${data.slice(0, 5).join(', ')}${data.length > 5 ? ', …' : ''}); import them one at a time, or put each in its own bundle.`,
  );
}

/** Look an image up by the path the data gives, else by its file name alone when that is unique. */
function imageLookup(paths: string[]): (name: string) => string | undefined {
  const exact = new Map(paths.map((p) => [p.toLowerCase(), p]));
  const byBase = new Map<string, string | null>();
  for (const p of paths) {
    const base = path.posix.basename(p).toLowerCase();
    byBase.set(base, byBase.has(base) ? null : p);
  }
  return (name) => {
    const wanted = name.trim().replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
    return exact.get(wanted) ?? byBase.get(path.posix.basename(wanted)) ?? undefined;
  };
}

// ---------------------------------------------------------------------------------------
// Folders (the command line)

function openFolder(dir: string): Container {
  const root = fs.realpathSync(dir);
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const item of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${item.name}` : item.name;
      // Links are not followed: a bundle is what is in its folder.
      if (item.isDirectory()) walk(rel);
      else if (item.isFile()) files.push(rel);
    }
  };
  walk('');
  const bundle = path.basename(root);
  const entry = chooseDataFile(bundle, files);
  const dataPath = path.join(root, entry);
  const dataSize = fs.statSync(dataPath).size;
  const source: ByteSource = { kind: 'file', name: entry, path: dataPath, size: dataSize };
  const find = imageLookup(files.filter((f) => IMAGE_FILE.test(f)));
  return {
    kind: 'folder',
    entry,
    dataSize,
    head: readHeadSync(dataPath),
    openData: async () => openByteStream(source),
    image: async (name) => {
      const found = find(name);
      if (!found) return undefined;
      const file = path.join(root, found);
      if (fs.statSync(file).size > ZIP_LIMITS.imageBytes) throw invalid('image-too-large', `${found} is larger than an image may be.`);
      return fs.readFileSync(file);
    },
    close: () => {},
  };
}

function readHeadSync(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------
// ZIP files, read through yauzl with every entry checked before anything is inflated

interface OpenZip {
  entries: Map<string, yauzl.Entry>;
  read(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

async function openZip(source: ByteSource): Promise<OpenZip> {
  const name = source.name;
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
  const zipfile = await openZipSource(source, options).catch((error: Error) => {
    throw notAZip(name, error);
  });
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zipfile.on('error', (error: Error) => reject(refusedEntry(name, error)));
      zipfile.on('end', () => resolve());
      zipfile.on('entry', (entry: yauzl.Entry) => {
        try {
          checkEntry(name, entry);
          total += entry.uncompressedSize;
          if (entries.size + 1 > ZIP_LIMITS.entries || total > ZIP_LIMITS.totalBytes) {
            throw invalid(
              'zip-too-large',
              `${name} would unpack to more than Custodian reads from one bundle; it may be a ZIP bomb. Nothing was imported.`,
            );
          }
          if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
          zipfile.readEntry();
        } catch (error) {
          reject(error);
        }
      });
      zipfile.readEntry();
    });
  } catch (error) {
    zipfile.close();
    throw error;
  }
  return {
    entries,
    read: (entry) =>
      new Promise((resolve, reject) =>
        zipfile.openReadStream(entry, (error, stream) => (error ? reject(refusedEntry(name, error)) : resolve(stream!))),
      ),
    close: () => zipfile.close(),
  };
}

function checkEntry(zipName: string, entry: yauzl.Entry): void {
  const fileName = entry.fileName;
  if (fileName.includes('\\') || /^[a-zA-Z]:/.test(fileName) || fileName.startsWith('/') || fileName.split('/').includes('..')) {
    throw invalid(
      'zip-unsafe-path',
      `${zipName} holds an entry with an unsafe path (${fileName}) that would reach outside the bundle. Nothing was imported.`,
    );
  }
  const big = entry.uncompressedSize > 1024 * 1024;
  if (big && entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize)) {
    throw invalid(
      'zip-bomb',
      `${zipName}: ${fileName} would inflate ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times its packed size, far beyond any real export; it looks like a ZIP bomb. Nothing was imported.`,
    );
  }
}

function notAZip(name: string, error: Error) {
  return invalid('not-a-zip', `${name} starts like a ZIP file but cannot be read as one (${error.message}).`);
}

function refusedEntry(name: string, error: Error) {
  if (/invalid relative path|absolute path|invalid characters/.test(error.message)) {
    return invalid('zip-unsafe-path', `${name} holds an entry with an unsafe path (${error.message}). Nothing was imported.`);
  }
  if (error.name === 'CustodianError') return error;
  return invalid('zip-damaged', `${name} is damaged: ${error.message}. Nothing was imported.`);
}

async function zipBundle(name: string, zip: OpenZip): Promise<Container> {
  try {
    const paths = [...zip.entries.keys()];
    const entryName = chooseDataFile(name, paths);
    const dataEntry = zip.entries.get(entryName)!;
    if (dataEntry.uncompressedSize > ZIP_LIMITS.dataBytes) {
      throw invalid('zip-too-large', `${name}: ${entryName} is larger than Custodian reads from one bundle. Nothing was imported.`);
    }
    const find = imageLookup(paths.filter((p) => IMAGE_FILE.test(p)));
    const headParts: Buffer[] = [];
    let headLength = 0;
    const first = await zip.read(dataEntry);
    for await (const chunk of first) {
      headParts.push(chunk as Buffer);
      headLength += (chunk as Buffer).length;
      if (headLength >= HEAD_BYTES) break;
    }
    first.destroy();
    return {
      kind: 'zip',
      entry: entryName,
      dataSize: dataEntry.uncompressedSize,
      head: Buffer.concat(headParts).subarray(0, HEAD_BYTES),
      openData: () => zip.read(dataEntry),
      image: async (imageName) => {
        const found = find(imageName);
        if (!found) return undefined;
        const entry = zip.entries.get(found)!;
        if (entry.uncompressedSize > ZIP_LIMITS.imageBytes) throw invalid('image-too-large', `${found} is larger than an image may be.`);
        const parts: Buffer[] = [];
        for await (const chunk of await zip.read(entry)) parts.push(chunk as Buffer);
        return Buffer.concat(parts);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
