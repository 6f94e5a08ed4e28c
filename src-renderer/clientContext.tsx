import { createContext, useContext } from 'react';
import type { GlossClient } from './client';

export const ClientContext = createContext<GlossClient | null>(null);

export function useClient(): GlossClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
