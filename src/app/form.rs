//! A generic form: labelled fields, one focused; text fields edit in place, choice fields
//! pick from a list. Errors are kept beside the field they concern.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::input::TextInput;

/// One option of a choice field: the value submitted and the label shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice { value: value.into(), label: label.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text(TextInput),
    Choice { options: Vec<Choice>, selected: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The name errors use to point at this field (e.g. "email").
    pub key: &'static str,
    pub label: &'static str,
    /// A short hint shown when the field is empty and focused ("YYYY-MM-DD").
    pub hint: &'static str,
    pub kind: FieldKind,
    pub error: Option<String>,
    /// A suggested value (today's date): the first character typed replaces it.
    pub replace_on_type: bool,
    /// Another value to choose instead, swapped in and out with Ctrl-T: what someone
    /// else saved in this field since the form opened.
    pub other: Option<String>,
}

impl Field {
    pub fn text(key: &'static str, label: &'static str, value: impl Into<String>) -> Field {
        Field {
            key,
            label,
            hint: "",
            kind: FieldKind::Text(TextInput::new(value)),
            error: None,
            replace_on_type: false,
            other: None,
        }
    }

    /// A text field holding a suggested value that typing replaces.
    pub fn suggested(key: &'static str, label: &'static str, value: impl Into<String>) -> Field {
        Field { replace_on_type: true, ..Field::text(key, label, value) }
    }

    pub fn choice(key: &'static str, label: &'static str, options: Vec<Choice>, selected: usize) -> Field {
        let selected = selected.min(options.len().saturating_sub(1));
        Field {
            key,
            label,
            hint: "",
            kind: FieldKind::Choice { options, selected },
            error: None,
            replace_on_type: false,
            other: None,
        }
    }

    pub fn with_hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }

    /// The text typed, or the chosen option's value.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Text(input) => input.text(),
            FieldKind::Choice { options, selected } => options.get(*selected).map(|c| c.value.as_str()).unwrap_or(""),
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// The form changed or the key was used; nothing else to do.
    Handled,
    /// Enter: the caller should validate and save.
    Submit,
    /// Esc: the caller should close the form (asking first when it is dirty).
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Whether anything was typed or chosen since the form opened.
    pub dirty: bool,
    /// An error that belongs to no single field.
    pub message: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form { title: title.into(), fields, focus: 0, dirty: false, message: None }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The value of a field, trimmed.
    pub fn value(&self, key: &str) -> &str {
        self.field(key).map(|f| f.value().trim()).unwrap_or("")
    }

    /// The value of a text field exactly as typed (notes keep their spacing).
    pub fn raw(&self, key: &str) -> &str {
        self.field(key).map(Field::value).unwrap_or("")
    }

    pub fn clear_errors(&mut self) {
        self.message = None;
        self.fields.iter_mut().for_each(|f| f.error = None);
    }

    /// Puts an error beside its field, or at the form level when no field has that key.
    pub fn set_error(&mut self, key: &str, message: impl Into<String>) {
        let message = message.into();
        match self.fields.iter_mut().find(|f| f.key == key) {
            Some(f) if f.error.is_none() => f.error = Some(message),
            Some(_) => {}
            None => {
                if self.message.is_none() {
                    self.message = Some(message);
                }
            }
        }
    }

    /// Offers `other` as the value of the text field `key`, swapped in with Ctrl-T.
    pub fn offer(&mut self, key: &str, other: String) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.key == key && matches!(f.kind, FieldKind::Text(_))) {
            field.other = Some(other);
        }
    }

    /// Whether a field has another value to swap in.
    pub fn offers_other(&self) -> bool {
        self.fields.iter().any(|f| f.other.is_some())
    }

    pub fn has_errors(&self) -> bool {
        self.message.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    /// Moves focus to the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    /// A form of one choice, drawn as the list of its options.
    pub fn single_choice(&self) -> bool {
        self.fields.len() == 1 && matches!(self.fields[0].kind, FieldKind::Choice { .. })
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = self.fields.len().max(1);
        match key.code {
            KeyCode::Enter => return FormEvent::Submit,
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Char('c') if ctrl => return FormEvent::Cancel,
            KeyCode::Tab => {
                self.focus = (self.focus + 1) % count;
                return FormEvent::Handled;
            }
            KeyCode::BackTab => {
                self.focus = (self.focus + count - 1) % count;
                return FormEvent::Handled;
            }
            KeyCode::Down | KeyCode::Up if !self.single_choice() => {
                self.focus =
                    if key.code == KeyCode::Down { (self.focus + 1) % count } else { (self.focus + count - 1) % count };
                return FormEvent::Handled;
            }
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else { return FormEvent::Handled };
        if key.code == KeyCode::Char('t') && ctrl {
            if let (Some(other), FieldKind::Text(input)) = (&mut field.other, &mut field.kind) {
                let mine = input.text().to_string();
                *input = TextInput::new(std::mem::replace(other, mine));
                self.dirty = true;
            }
            return FormEvent::Handled;
        }
        let replace = std::mem::take(&mut field.replace_on_type);
        let changed = match &mut field.kind {
            FieldKind::Text(input) => {
                if replace && matches!(key.code, KeyCode::Char(_)) && !ctrl {
                    input.clear();
                }
                edit_text(input, key, ctrl)
            }
            FieldKind::Choice { options, selected } => pick_choice(options, selected, key),
        };
        if changed {
            self.dirty = true;
            field.error = None;
        }
        FormEvent::Handled
    }

    /// Inserts pasted text into the focused text field.
    pub fn paste(&mut self, text: &str) {
        if let Some(Field { kind: FieldKind::Text(input), error, .. }) = self.fields.get_mut(self.focus) {
            input.insert_str(text);
            *error = None;
            self.dirty = true;
        }
    }
}

fn edit_text(input: &mut TextInput, key: &KeyEvent, ctrl: bool) -> bool {
    match key.code {
        KeyCode::Char('w') if ctrl => input.delete_word(),
        KeyCode::Char('u') if ctrl => input.clear(),
        KeyCode::Char('a') if ctrl => {
            input.home();
            return false;
        }
        KeyCode::Char('e') if ctrl => {
            input.end();
            return false;
        }
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return false,
        KeyCode::Char(c) => input.insert_char(c),
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => {
            input.left();
            return false;
        }
        KeyCode::Right => {
            input.right();
            return false;
        }
        KeyCode::Home => {
            input.home();
            return false;
        }
        KeyCode::End => {
            input.end();
            return false;
        }
        _ => return false,
    }
    true
}

fn pick_choice(options: &[Choice], selected: &mut usize, key: &KeyEvent) -> bool {
    let n = options.len();
    if n == 0 {
        return false;
    }
    let before = *selected;
    match key.code {
        KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') | KeyCode::Char('j') => *selected = (*selected + 1) % n,
        KeyCode::Left | KeyCode::Up | KeyCode::Char('k') => *selected = (*selected + n - 1) % n,
        KeyCode::Home => *selected = 0,
        KeyCode::End => *selected = n - 1,
        KeyCode::Char(c) => {
            // Jump to the next option whose label starts with the typed character.
            let wanted = c.to_lowercase().next().unwrap_or(c);
            if let Some(i) = (1..=n)
                .map(|step| (*selected + step) % n)
                .find(|i| options[*i].label.to_lowercase().starts_with(wanted))
            {
                *selected = i;
            }
        }
        _ => {}
    }
    *selected != before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn sample() -> Form {
        Form::new(
            "Test",
            vec![
                Field::text("name", "Name", ""),
                Field::choice("kind", "Kind", vec![Choice::new("call", "Call"), Choice::new("email", "Email")], 0),
            ],
        )
    }

    #[test]
    fn typing_tabbing_and_choosing() {
        let mut f = sample();
        assert!(!f.dirty);
        f.handle_key(&key(KeyCode::Char('A')));
        f.handle_key(&key(KeyCode::Char('l')));
        assert_eq!(f.value("name"), "Al");
        assert!(f.dirty);
        f.handle_key(&key(KeyCode::Tab));
        f.handle_key(&key(KeyCode::Right));
        assert_eq!(f.value("kind"), "email");
        f.handle_key(&key(KeyCode::Char('c')));
        assert_eq!(f.value("kind"), "call");
        f.handle_key(&key(KeyCode::BackTab));
        assert_eq!(f.focus, 0);
        assert_eq!(f.handle_key(&key(KeyCode::Enter)), FormEvent::Submit);
        assert_eq!(f.handle_key(&key(KeyCode::Esc)), FormEvent::Cancel);
    }

    #[test]
    fn a_suggested_value_is_replaced_by_typing_but_kept_by_moving() {
        let mut f = Form::new("T", vec![Field::suggested("date", "Date", "2026-01-01")]);
        f.handle_key(&key(KeyCode::Char('2')));
        assert_eq!(f.value("date"), "2");
        let mut f = Form::new("T", vec![Field::suggested("date", "Date", "2026-01-01")]);
        f.handle_key(&key(KeyCode::Backspace));
        f.handle_key(&key(KeyCode::Char('2')));
        assert_eq!(f.value("date"), "2026-01-02");
    }

    #[test]
    fn errors_sit_beside_fields_and_clear_on_edit() {
        let mut f = sample();
        f.set_error("name", "name is required");
        f.set_error("customer", "customer is archived");
        assert_eq!(f.fields[0].error.as_deref(), Some("name is required"));
        assert_eq!(f.message.as_deref(), Some("customer is archived"));
        f.handle_key(&key(KeyCode::Char('x')));
        assert!(f.fields[0].error.is_none());
    }
}
