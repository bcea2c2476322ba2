// A confirmation that needs a written reason (legal holds, refused data requests): the reason is
// checked for its length before sending, and a server error is shown on the field it names.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/formErrors';
import { FormAlert } from './states';

export function ReasonModal({
  opened,
  onClose,
  title,
  children,
  label,
  minLength,
  maxLength = 500,
  confirmLabel,
  onConfirm,
  loading,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  label: string;
  minLength: number;
  maxLength?: number;
  confirmLabel: string;
  onConfirm: (reason: string) => void;
  loading: boolean;
  error: unknown;
}) {
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setTooShort(false);
    }
  }, [opened]);
  const fieldError =
    isApiError(error) &&
    (error.field?.endsWith('reason') || error.issues.some((i) => i.field.endsWith('reason')))
      ? (error.issues[0]?.message ?? error.message)
      : null;
  const shown = tooShort
    ? `${label}: write at least ${minLength} characters, so the record says why`
    : fieldError
      ? `${label}: ${fieldError}`
      : null;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm" component="div">
          {children}
        </Text>
        <Textarea
          label={label}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={maxLength}
          error={shown}
          data-autofocus
        />
        <FormAlert message={error && !fieldError ? errorMessage(error) : null} title="That did not work" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={loading}
            onClick={() => {
              if (reason.trim().length < minLength) {
                setTooShort(true);
                return;
              }
              setTooShort(false);
              onConfirm(reason.trim());
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
