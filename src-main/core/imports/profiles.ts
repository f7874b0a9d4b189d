import { columnMappingSchema } from '../../contract/imports';
import { mappingProfiles } from '../intake/mapping-profiles';

const importProfiles = mappingProfiles(
  'import_profiles',
  columnMappingSchema,
  (name) => `There is no saved mapping called ${name}. Save one first, or list them with "custodian import profile list".`,
);
export const saveProfile = importProfiles.save;
export const findProfile = importProfiles.find;
export const listProfiles = importProfiles.list;
export const deleteProfile = importProfiles.remove;
