import {
  Box,
  Container,
  Group,
  Paper,
  PasswordInput,
  type PasswordInputProps,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './PageHeader';
import { SpotIcon } from './states';

/** The frame of the pages used before signing in: setup, sign in, accepting an invitation. */
export function PublicLayout({
  title,
  intro,
  children,
  width = 480,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  width?: number;
}) {
  useDocumentTitle(title);
  return (
    <Box bg="gray.0" mih="100vh" py={{ base: 'md', sm: 48 }}>
      <Container size={width} px="sm">
        <Group gap={8} mb="md" justify="center">
          <Box c="yellow.6" display="flex">
            <SpotIcon size={30} />
          </Box>
          <Text fw={800} fz="xl">
            Followspot
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md" component="main" id="main">
          <Title order={1} fz={24} mb={intro ? 4 : 'md'}>
            {title}
          </Title>
          {intro ? (
            <Text c="dimmed" size="sm" mb="lg" component="div">
              {intro}
            </Text>
          ) : null}
          {children}
        </Paper>
      </Container>
    </Box>
  );
}

/** A password input whose show/hide toggle is reachable by keyboard and does not reuse the label. */
export function SecretInput(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleFocusable
      visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what you typed' }}
      {...props}
    />
  );
}
