import { ThemeProvider, createTheme } from '@material-ui/core/styles';
import { render, screen } from '@testing-library/react';
import { StateChip, StateChipMapping } from './StateChip';

type Light = 'green' | 'amber' | 'red' | 'off';

const lights: StateChipMapping<Light> = {
  green: { label: 'Go', tone: 'success' },
  amber: { label: 'Get ready', tone: 'warning' },
  red: { label: 'Stop', tone: 'error' },
  off: { label: 'Dark', tone: 'severe' },
};

// colours dark enough for white text, so readableFill keeps them as they are
const theme = createTheme({
  palette: {
    success: { main: '#004000' },
    warning: { main: '#603000' },
    error: { main: '#800000', dark: '#400000' },
  },
});

function renderChip(element: JSX.Element) {
  return render(<ThemeProvider theme={theme}>{element}</ThemeProvider>);
}

/**
 * The fill the chip's own class gives it. jsdom cascades style sheets in the order they were
 * created rather than their order in the document, so its computed style shows Material's grey.
 */
function fillOf(chip: Element | null): string | undefined {
  const own = Array.from(chip?.classList ?? []).filter(
    name => !name.startsWith('Mui'),
  );
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules) as CSSStyleRule[]) {
      if (own.some(name => rule.selectorText === `.${name}`)) {
        return rule.style.backgroundColor;
      }
    }
  }
  return undefined;
}

describe('StateChip', () => {
  it('shows the label of the state and carries it in the named data attribute', () => {
    renderChip(<StateChip state="amber" mapping={lights} attribute="light" />);
    expect(
      screen.getByText('Get ready').closest('[data-light]'),
    ).toHaveAttribute('data-light', 'amber');
  });

  it('carries no data attribute unless one is named', () => {
    const { container } = renderChip(
      <StateChip state="green" mapping={lights} />,
    );
    expect(screen.getByText('Go')).toBeInTheDocument();
    expect(container.querySelector('[data-light]')).toBeNull();
    expect(container.querySelector('[data-state]')).toBeNull();
  });

  it.each([
    ['green', 'Go', 'rgb(0, 64, 0)'],
    ['amber', 'Get ready', 'rgb(96, 48, 0)'],
    ['red', 'Stop', 'rgb(128, 0, 0)'],
    ['off', 'Dark', 'rgb(64, 0, 0)'],
  ] as const)('fills %s in the colour of its tone', (state, label, fill) => {
    renderChip(<StateChip state={state} mapping={lights} />);
    expect(fillOf(screen.getByText(label).closest('.MuiChip-root'))).toBe(fill);
  });

  it('shows a state the mapping lacks as it is, uncoloured', () => {
    const partial = { green: lights.green } as StateChipMapping<Light>;
    renderChip(<StateChip state="red" mapping={partial} attribute="light" />);
    const chip = screen.getByText('red').closest('[data-light]');
    expect(chip).toHaveAttribute('data-light', 'red');
    expect(fillOf(chip)).toBeUndefined();
  });
});
