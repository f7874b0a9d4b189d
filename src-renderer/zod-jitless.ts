import { z } from 'zod';

// zod builds its object schemas with a probe for eval (to compile fast parsers), and the
// CSP forbids eval. This module is imported first by main.tsx, before any schema in
// src-main/contract is built, so that zod never tries.
z.config({ jitless: true });
