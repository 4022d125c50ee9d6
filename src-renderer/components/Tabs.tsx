// Tabs on the WAI-ARIA pattern: one tab stop for the list (roving tabindex), arrows and Home/End
// move and select, the panel is labelled by its tab and focusable so its content can be reached.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { tabIndexForKey } from './tab-keys';
import './tabs.css';

export interface TabDefinition<Id extends string> {
  id: Id;
  label: ReactNode;
  /** A count or flag shown after the label. */
  badge?: ReactNode;
}

export interface TabsProps<Id extends string> {
  label: string;
  tabs: readonly TabDefinition<Id>[];
  selected: Id;
  onSelect(id: Id): void;
  children: ReactNode;
  testId?: string;
}

export function Tabs<Id extends string>({ label, tabs, selected, onSelect, children, testId }: TabsProps<Id>) {
  const baseId = useId();
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>());
  const selectedIndex = Math.max(0, tabs.findIndex((tab) => tab.id === selected));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabIndexForKey(event.key, selectedIndex, tabs.length);
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };

  return (
    <div className="tabs" data-testid={testId}>
      <div role="tablist" aria-label={label} className="tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                if (element) tabRefs.current.set(tab.id, element);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-selected={isSelected}
              aria-controls={`${baseId}-panel`}
              tabIndex={isSelected ? 0 : -1}
              className="tabs__tab"
              data-testid={`tab-${tab.id}`}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
              {tab.badge !== undefined && tab.badge !== null && <span className="tabs__badge">{tab.badge}</span>}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${selected}`} tabIndex={0} className="tabs__panel">
        {children}
      </div>
    </div>
  );
}
