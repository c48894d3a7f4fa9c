// Renderer. Placeholder created by the shell (issue 13): a plain code field with the picker's signature, so other
// forms can use it now; main resolves the code and answers a clear error when it is unknown. The equipment helper
// replaces this file whole (lookup by scan, code or search over `equipment:lookup`).
import { TextField } from '../../components/TextField';

export function EquipmentPicker(props: { value: string | null; onChange(code: string | null): void; label: string; error?: string }) {
  return (
    <TextField
      label={props.label}
      error={props.error}
      autoComplete="off"
      value={props.value ?? ''}
      onChange={(event) => {
        const code = event.target.value;
        props.onChange(code.trim() === '' ? null : code);
      }}
    />
  );
}
