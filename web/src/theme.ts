import { createTheme, type MantineColorsTuple } from '@mantine/core';
import { accessibleColors, primaryShade } from './lib/palette';

// System fonts only: the server's CSP allows no external fonts.
export const theme = createTheme({
  // People who ask their system for less motion get menus and dialogs without transitions.
  respectReducedMotion: true,
  primaryColor: 'indigo',
  // Darker shades than Mantine's so text, links and badges meet WCAG 2.2 AA (see lib/palette).
  primaryShade: { light: primaryShade, dark: primaryShade },
  colors: accessibleColors as Record<string, MantineColorsTuple>,
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontWeight: '700',
  },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // A link in running text must not rely on colour alone (WCAG 1.4.1): always underlined.
    Anchor: { defaultProps: { underline: 'always' } },
    // Mantine's focus placeholder is a role="presentation" child of role="menu", which ARIA forbids.
    // Menu labels in Mantine's dimmed grey are 4.2:1 on white; the darker grey reads at AA.
    Menu: {
      defaultProps: { withInitialFocusPlaceholder: false },
      styles: { label: { color: 'var(--mantine-color-gray-7)' } },
    },
    // A toast's close button is an icon: it needs a name.
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
    Modal: {
      defaultProps: {
        radius: 'md',
        overlayProps: { backgroundOpacity: 0.45 },
        closeButtonProps: { 'aria-label': 'Dismiss' },
      },
    },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
    CloseButton: { defaultProps: { 'aria-label': 'Dismiss' } },
  },
});
