import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A secret or link shown once, with a copy button. */
export function OneTimeSecret({
  title,
  value,
  children,
  copyLabel = 'Copy',
  onDone,
  testId,
}: {
  title: string;
  value: string;
  children?: ReactNode;
  copyLabel?: string;
  onDone?: () => void;
  testId?: string;
}) {
  return (
    <Alert color="yellow" title={title} role="status">
      <Stack gap="sm">
        {children ? (
          <Text size="sm" component="div">
            {children}
          </Text>
        ) : null}
        <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <Group gap="sm">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : copyLabel}
              </Button>
            )}
          </CopyButton>
          {onDone ? (
            <Button size="xs" variant="default" onClick={onDone}>
              Done
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
