import { createContext, useContext } from 'react';
import type { Me } from '../../src-main/contract/schemas';
import type { Client } from '../client/client';

export const ClientContext = createContext<Client | null>(null);

/** The services, for any screen below the app's provider. */
export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() used outside <ClientContext.Provider>');
  return client;
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in person (roles, training, idle limit); only inside the signed-in app frame. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the signed-in app frame');
  return me;
}
