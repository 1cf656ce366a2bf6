/**
 * A tfjs load router that reads graph models from disk, so Human's WASM build (which loads models
 * through `fetch`) never touches the network. Model URLs look like `geste-disk:/abs/path/model.json`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export const DISK_SCHEME = 'geste-disk:';

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  modelInitializer?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function diskHandler(path: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const json = JSON.parse(await readFile(path, 'utf8')) as ModelJson;
      const manifest = json.weightsManifest ?? [];
      const buffers: Buffer[] = [];
      for (const group of manifest) for (const file of group.paths) buffers.push(await readFile(join(dirname(path), file)));
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      const artifacts: tf.io.ModelArtifacts = {
        modelTopology: (json.modelTopology ?? {}) as object,
        weightSpecs: manifest.flatMap((g) => g.weights),
        weightData,
      };
      if (json.format !== undefined) artifacts.format = json.format;
      if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
      if (json.convertedBy != null) artifacts.convertedBy = json.convertedBy;
      if (json.signature !== undefined) artifacts.signature = json.signature as object;
      if (json.userDefinedMetadata !== undefined) artifacts.userDefinedMetadata = json.userDefinedMetadata as Record<string, object>;
      if (json.modelInitializer !== undefined) artifacts.modelInitializer = json.modelInitializer as object;
      return artifacts;
    },
  };
}

let registered = false;

/** Registers the router once per thread (tfjs keeps one registry per realm). */
export function registerDiskModelRouter(): void {
  if (registered) return;
  registered = true;
  // tfjs types a router as returning IOHandler, but its registry skips null ("not mine").
  tf.io.registerLoadRouter(((url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith(DISK_SCHEME)) return null;
    return diskHandler(url.slice(DISK_SCHEME.length));
  }) as Parameters<typeof tf.io.registerLoadRouter>[0]);
}
