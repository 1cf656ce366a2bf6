import { NeutralFormatError, type Neutral, neutralFromJson as parse } from '@geste/core';
import { CliError } from './errors.ts';

export function neutralFromJson(value: unknown): Neutral {
  try {
    return parse(value);
  } catch (e) {
    if (e instanceof NeutralFormatError) throw new CliError('input', `The neutral file is not usable: ${e.message}`);
    throw e;
  }
}
