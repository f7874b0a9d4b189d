import { Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { ErrorAlert } from '../common/error-alert';
import { TimeZoneNote } from '../common/time';
import { WorkingOn } from '../common/WorkingOn';
import { splitGateError } from '../common/field-errors';
import { HoldingsSection } from './Holdings';
import { SEARCH_ROUTES, type SearchField } from './query';
import { SearchFormPanel } from './SearchFormPanel';
import { SearchResults } from './SearchResults';
import { useSearch } from './use-search';
import '../common/pages.css';
import './search.css';

/**
 * Search (policy 427.3, 427.4(b)(c)): full or partial plates, or OCR-aware, over the reads
 * imported on this workstation. Every search carries a case number and a purpose, and the
 * access log records it with its whole query.
 */
export function SearchPage() {
  const search = useSearch();
  // one split per refusal: the form puts its fields' messages up when a new refusal comes
  const gate = useMemo(() => splitGateError<SearchField>(search.error, SEARCH_ROUTES), [search.error]);

  return (
    <Stack className="cu-page cu-search">
      <div>
        <Title order={1}>Search</Title>
        <Text className="cu-muted">
          Find plate reads by a full or partial plate, for a stolen or wanted vehicle, a missing person, or a partial plate reported in a
          major crime (policy 427.3, 427.4(c)).
        </Text>
        <TimeZoneNote />
      </div>
      <WorkingOn />
      <SearchFormPanel busy={search.busy} onSearch={(query) => void search.search(query)} gateErrors={gate.fields} />
      <ErrorAlert error={gate.rest} title={search.error ? refusalTitle(search.error) : undefined} />
      {search.run && <SearchResults key={search.run.id} run={search.run} />}
      <HoldingsSection />
    </Stack>
  );
}

function refusalTitle(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return code === 'purpose-vague' ? 'The purpose states nothing: the search did not run' : undefined;
}
