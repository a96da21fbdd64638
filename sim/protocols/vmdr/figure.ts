/** The figures of US 9,020,895 (automated DR services) in the actors' labels and data. */
import { figuresOf } from '../common/figure.ts';

export const vfig = figuresOf('vmdr');
