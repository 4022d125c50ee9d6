// Shows one evidence image. Reviewer wellness: unless the analyst chose "shown" in Settings, the
// image is blurred and grey until they click "Reveal image" for this one image. The bytes live only
// while the dialog is open.
import { useEffect, useState } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../format/bytes';
import { describeError } from '../../format/error-message';
import type { EvidenceContent, EvidenceItem } from '../../../src-shared/workspace-model';
import { usePreferencesStore } from '../preferences/store';
import { useEvidenceStore } from './store';
import { dataUrl, startsRevealed } from './evidence-format';

export function EvidenceViewer({ item, onClose }: { item: EvidenceItem; onClose(): void }) {
  const view = useEvidenceStore((state) => state.view);
  const preference = usePreferencesStore((state) => state.evidenceImages);
  const [content, setContent] = useState<EvidenceContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(() => startsRevealed(preference));

  useEffect(() => {
    let live = true;
    view(item.id).then(
      (loaded) => live && setContent(loaded),
      (caught: unknown) => live && setError(describeError(caught).message),
    );
    return () => {
      live = false;
    };
  }, [item.id, view]);

  return (
    <Dialog title={item.fileName} onClose={onClose} testId="evidence-viewer">
      <p className="muted">
        {item.mediaType} · {formatBytes(item.size)}
        {item.description ? ` · ${item.description}` : ''}
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      {!error && !content && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {content && (
        <figure className="evidence-figure">
          <div className="evidence-figure__frame">
            <img
              src={dataUrl(content.mediaType, content.dataBase64)}
              alt={item.description || item.fileName}
              className={revealed ? 'evidence-image' : 'evidence-image is-veiled'}
              data-testid="evidence-image"
              data-revealed={revealed}
            />
            {!revealed && (
              <div className="evidence-figure__veil">
                <p>Blurred to protect you from disturbing material.</p>
                <Button variant="primary" onClick={() => setRevealed(true)} data-testid="evidence-reveal" data-autofocus>
                  Reveal image
                </Button>
              </div>
            )}
          </div>
          {revealed && preference !== 'shown' && (
            <figcaption>
              <Button size="sm" variant="ghost" onClick={() => setRevealed(false)}>
                Blur again
              </Button>
            </figcaption>
          )}
        </figure>
      )}
      <div className="form-actions">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
