// A mapping profile given with an import request (the CLI's `--mapping FILE`, the window's mapping
// step), checked by the profile schema and refused when it is for the other kind of import.
import { VigilError } from '../../src-shared/errors';
import { mappingProfileSchema, type ImportKind, type MappingProfile } from './column-mapping';

export function profileOfKind<Kind extends ImportKind>(mapping: unknown, kind: Kind): Extract<MappingProfile, { kind: Kind }> {
  const parsed = mappingProfileSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new VigilError('VALIDATION', `The mapping profile is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  const profile = parsed.data;
  if (!isOfKind(profile, kind)) throw new VigilError('VALIDATION', `That mapping profile is for ${profile.kind}, not ${kind}`);
  return profile;
}

function isOfKind<Kind extends ImportKind>(profile: MappingProfile, kind: Kind): profile is Extract<MappingProfile, { kind: Kind }> {
  return profile.kind === kind;
}
