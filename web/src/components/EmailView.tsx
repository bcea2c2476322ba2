import { Box, Group, SegmentedControl, Tabs, Text } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';

/**
 * An email as its recipient sees it: the HTML part in a sandboxed frame (`sandbox=""`: no scripts, no
 * forms, no navigation, its own origin), the plain-text part, and optionally the calendar invitation.
 */
export function EmailView({
  html,
  text,
  frameTitle,
  calendarInvite,
  height = 620,
  testId = 'email-view',
}: {
  html: string;
  text: string;
  frameTitle: string;
  calendarInvite?: ReactNode;
  height?: number;
  testId?: string;
}) {
  const [tab, setTab] = useState<string | null>('html');
  const [width, setWidth] = useState<'wide' | 'phone'>('wide');
  const widthLabel = useId();
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false} data-testid={testId}>
      <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
        <Tabs.List>
          <Tabs.Tab value="html">Email</Tabs.Tab>
          <Tabs.Tab value="text">Plain text</Tabs.Tab>
          {calendarInvite ? <Tabs.Tab value="ics">Calendar invite</Tabs.Tab> : null}
        </Tabs.List>
        {tab === 'html' ? (
          <Group gap={6} visibleFrom="sm" pb={4}>
            <Text size="xs" c="dimmed" id={widthLabel}>
              Width
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby={widthLabel}
              value={width}
              onChange={(value) => setWidth(value as 'wide' | 'phone')}
              data={[
                { value: 'wide', label: 'Wide' },
                { value: 'phone', label: 'Phone' },
              ]}
            />
          </Group>
        ) : null}
      </Group>
      <Tabs.Panel value="html" pt="sm">
        <Box
          className="email-frame-wrap"
          tabIndex={0}
          role="region"
          aria-label="The email as its recipient sees it"
        >
          <iframe
            className="email-frame"
            title={frameTitle}
            sandbox=""
            srcDoc={html}
            referrerPolicy="no-referrer"
            style={{ height, width: width === 'phone' ? 375 : '100%' }}
          />
        </Box>
        <Text size="xs" c="dimmed" mt={6}>
          Shown safely: links in the email do not open from here.
        </Text>
      </Tabs.Panel>
      <Tabs.Panel value="text" pt="sm">
        <Box
          component="pre"
          className="email-text"
          data-testid="email-text"
          tabIndex={0}
          aria-label="The email's plain text"
        >
          {text}
        </Box>
      </Tabs.Panel>
      {calendarInvite ? (
        <Tabs.Panel value="ics" pt="sm">
          {calendarInvite}
        </Tabs.Panel>
      ) : null}
    </Tabs>
  );
}
