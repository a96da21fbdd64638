/** The figures of US 9,288,267 (the LAN-free patent) in the actors' labels and data. */
import { figuresOf } from '../common/figure.ts';

export const fig = figuresOf('lanfree');
