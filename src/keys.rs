//! Keys as rules: every action has a name, a description, the screens where it applies
//! and default keys. A config file may rebind any action; its bindings replace that
//! action's defaults, and two actions that could fire on the same screen may not share a
//! key.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where an action can fire. Global actions fire everywhere outside forms and overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Dashboard,
    Customers,
    Review,
}

impl Scope {
    fn overlaps(self, other: Scope) -> bool {
        self == other || self == Scope::Global || other == Scope::Global
    }
}

macro_rules! actions {
    ($( $variant:ident => ($name:literal, $scope:ident, $desc:literal, [$($key:literal),*]) ),+ $(,)?) => {
        /// Something a person can ask for with a key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $( $variant ),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[ $( Action::$variant ),+ ];

            /// The name used in config.toml's [keys] table.
            pub fn name(self) -> &'static str {
                match self { $( Action::$variant => $name ),+ }
            }

            pub fn scope(self) -> Scope {
                match self { $( Action::$variant => Scope::$scope ),+ }
            }

            /// What the action does, for the help screen.
            pub fn description(self) -> &'static str {
                match self { $( Action::$variant => $desc ),+ }
            }

            fn default_keys(self) -> &'static [&'static str] {
                match self { $( Action::$variant => &[$($key),*] ),+ }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    Quit => ("quit", Global, "quit rapport", ["q", "ctrl-c"]),
    Help => ("help", Global, "show or hide this help", ["?"]),
    Dashboard => ("dashboard", Global, "go to the Dashboard tab", ["1"]),
    Customers => ("customers", Global, "go to the Customers tab", ["2"]),
    Review => ("review", Global, "go to the Review tab", ["3", "R"]),
    NextPane => ("next_pane", Global, "move to the next pane", ["tab"]),
    PrevPane => ("prev_pane", Global, "move to the previous pane", ["shift-tab"]),
    Down => ("down", Global, "move down", ["j", "down"]),
    Up => ("up", Global, "move up", ["k", "up"]),
    Top => ("top", Global, "jump to the top", ["g", "home"]),
    Bottom => ("bottom", Global, "jump to the bottom", ["G", "end"]),
    PageDown => ("page_down", Global, "page down", ["pagedown", "ctrl-d"]),
    PageUp => ("page_up", Global, "page up", ["pageup", "ctrl-u"]),
    Open => ("open", Global, "open the selected entry", ["enter"]),
    Cancel => ("cancel", Global, "cancel, or clear the search", ["esc"]),
    Undo => ("undo", Global, "undo the last change of this session", ["u"]),
    NewCustomer => ("new_customer", Global, "add a new customer", ["n"]),
    Search => ("search", Customers, "search customers as you type", ["/"]),
    Sort => ("sort", Customers, "cycle the sort order", ["s"]),
    Edit => ("edit", Customers, "edit the selected customer", ["e"]),
    LogInteraction => ("log_interaction", Customers, "log an interaction", ["i"]),
    LogFeedback => ("log_feedback", Customers, "log feedback", ["f"]),
    AddContract => ("add_contract", Customers, "add a contract", ["c"]),
    SetType => ("set_type", Customers, "set the relationship type (pins it)", ["t"]),
    FollowUp => ("follow_up", Customers, "set the next follow-up date", ["d"]),
    Resolve => ("resolve", Customers, "resolve the oldest open complaint", ["r"]),
    Archive => ("archive", Customers, "archive the selected customer (asks first)", ["x"]),
    Accept => ("accept", Review, "accept the selected suggestion", ["a"]),
    Reject => ("reject", Review, "reject the selected suggestion", ["x"]),
    Pin => ("pin", Review, "pin the customer at its current type", ["p"]),
    AcceptAll => ("accept_all", Review, "accept every suggestion not pinned (asks first)", ["A"]),
}

/// A key with its modifiers, as written in config files: `q`, `G`, `ctrl-s`, `shift-tab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyChord {
    /// Normalises a terminal key event: Shift is part of the character for letters and
    /// symbols, and Shift-Tab arrives as BackTab.
    pub fn from_event(event: &KeyEvent) -> KeyChord {
        let code = match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        KeyChord {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("a key cannot be empty".into());
        }
        loop {
            let lower = rest.to_lowercase();
            if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower.strip_prefix("shift-").or_else(|| lower.strip_prefix("s-")) {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
            if rest.is_empty() {
                return Err(format!("'{}' has a modifier but no key", crate::text::capped(text, 40)));
            }
        }
        let named = match rest.to_lowercase().as_str() {
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "tab" if shift => Some(KeyCode::BackTab),
            "tab" => Some(KeyCode::Tab),
            "backtab" => Some(KeyCode::BackTab),
            "space" => Some(KeyCode::Char(' ')),
            "backspace" => Some(KeyCode::Backspace),
            "delete" | "del" => Some(KeyCode::Delete),
            "insert" | "ins" => Some(KeyCode::Insert),
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pageup" | "pgup" => Some(KeyCode::PageUp),
            "pagedown" | "pgdn" | "pgdown" => Some(KeyCode::PageDown),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                f[1..].parse().ok().map(KeyCode::F)
            }
            _ => None,
        };
        let code = match named {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => {
                        let c = if shift { c.to_uppercase().next().unwrap_or(c) } else { c };
                        // Terminals report Ctrl with the lower-case letter.
                        KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => {
                        return Err(format!(
                            "'{text}' is not a key; use a character or a name such as enter, esc, tab, up, pagedown, f1, with optional ctrl-, alt-, shift-"
                        ));
                    }
                }
            }
        };
        Ok(KeyChord { code, ctrl, alt })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// A conflict or mistake in a set of bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The actions whose bindings are at fault (as named in [keys]).
    pub actions: Vec<String>,
    pub message: String,
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<KeyChord>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = Action::ALL
            .iter()
            .map(|a| (*a, a.default_keys().iter().filter_map(|k| KeyChord::parse(k).ok()).collect()))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with `overrides` (action name → keys) laid over them.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let action = Action::from_name(name).ok_or_else(|| KeymapError {
                actions: vec![name.clone()],
                message: format!("there is no action called '{}'", crate::text::capped(name, 40)),
            })?;
            let chords = keys
                .iter()
                .map(|k| KeyChord::parse(k))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|message| KeymapError { actions: vec![name.clone()], message })?;
            if let Some(slot) = map.bindings.iter_mut().find(|(a, _)| *a == action) {
                slot.1 = chords;
            }
        }
        map.check_conflicts()?;
        Ok(map)
    }

    fn check_conflicts(&self) -> Result<(), KeymapError> {
        for (i, (a, keys)) in self.bindings.iter().enumerate() {
            if keys.is_empty() {
                return Err(KeymapError {
                    actions: vec![a.name().into()],
                    message: format!("'{}' has no key left; give it at least one", a.name()),
                });
            }
            for (b, other) in &self.bindings[i + 1..] {
                if !a.scope().overlaps(b.scope()) {
                    continue;
                }
                if let Some(k) = keys.iter().find(|k| other.contains(k)) {
                    return Err(KeymapError {
                        actions: vec![a.name().into(), b.name().into()],
                        message: format!("key {k} is bound to both '{}' and '{}'", a.name(), b.name()),
                    });
                }
            }
        }
        Ok(())
    }

    /// The action bound to `chord` that applies in `scope`.
    pub fn action_for(&self, chord: KeyChord, scope: Scope) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(a, keys)| (a.scope() == Scope::Global || a.scope() == scope) && keys.contains(&chord))
            .map(|(a, _)| *a)
    }

    pub fn keys(&self, action: Action) -> &[KeyChord] {
        self.bindings.iter().find(|(a, _)| *a == action).map(|(_, k)| k.as_slice()).unwrap_or(&[])
    }

    /// The first key of an action as people read it, for hints.
    pub fn hint(&self, action: Action) -> String {
        self.keys(action).first().map(ToString::to_string).unwrap_or_default()
    }

    /// All keys of an action, for the help screen.
    pub fn all_keys(&self, action: Action) -> String {
        self.keys(action).iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_names() {
        assert_eq!(KeyChord::parse("q").unwrap(), KeyChord { code: KeyCode::Char('q'), ctrl: false, alt: false });
        assert_eq!(KeyChord::parse("ctrl-s").unwrap(), KeyChord { code: KeyCode::Char('s'), ctrl: true, alt: false });
        assert_eq!(KeyChord::parse("Ctrl-S").unwrap().code, KeyCode::Char('s'));
        assert_eq!(KeyChord::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(KeyChord::parse("shift-a").unwrap().code, KeyCode::Char('A'));
        assert_eq!(KeyChord::parse("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(KeyChord::parse("pgdn").unwrap().code, KeyCode::PageDown);
        for bad in ["", "ctrl-", "banana", "f13", "\u{1b}"] {
            assert!(KeyChord::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn defaults_have_no_conflicts_and_scopes_separate_x() {
        let map = Keymap::default();
        map.check_conflicts().unwrap();
        let x = KeyChord::parse("x").unwrap();
        assert_eq!(map.action_for(x, Scope::Customers), Some(Action::Archive));
        assert_eq!(map.action_for(x, Scope::Review), Some(Action::Reject));
        assert_eq!(map.action_for(x, Scope::Dashboard), None);
    }

    #[test]
    fn overrides_replace_defaults_and_conflicts_are_reported() {
        let map = Keymap::with_overrides(&[("quit".into(), vec!["ctrl-q".into()])]).unwrap();
        assert_eq!(map.action_for(KeyChord::parse("ctrl-q").unwrap(), Scope::Global), Some(Action::Quit));
        assert_eq!(map.action_for(KeyChord::parse("q").unwrap(), Scope::Global), None);
        let err = Keymap::with_overrides(&[("quit".into(), vec!["j".into()])]).unwrap_err();
        assert!(err.message.contains("'quit' and 'down'"), "{}", err.message);
        let err = Keymap::with_overrides(&[("fly".into(), vec!["z".into()])]).unwrap_err();
        assert!(err.message.contains("no action called 'fly'"));
    }
}
