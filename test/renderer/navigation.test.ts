/**
 * The navigation emitter: the project view switches section on `navigate`, and a section
 * mounted by that switch still gets the target it was opened for, once.
 */
import { describe, expect, it } from 'vitest';
import { navigate, onNavigate, takeNavigation } from '../../renderer/src/navigation';

describe('navigation', () => {
  it('tells listeners and keeps the target for the section until it takes it', () => {
    const seen: string[] = [];
    const off = onNavigate((t) => seen.push(`${t.section}:${t.excerptId ?? ''}`));
    navigate({ section: 'documents', documentId: 'd1', excerptId: 'e7' });
    expect(seen).toEqual(['documents:e7']);
    expect(takeNavigation('codebook')).toBeNull();
    expect(takeNavigation('documents')).toEqual({ section: 'documents', documentId: 'd1', excerptId: 'e7' });
    expect(takeNavigation('documents')).toBeNull();
    off();
    navigate({ section: 'cmocs', cmocId: 'm1' });
    expect(seen).toHaveLength(1);
  });
});
