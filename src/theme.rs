//! Colours and emphasis. Three themes (dark, light, 16-colour basic) and a monochrome
//! one for NO_COLOR that relies on bold, underline and reverse video alone.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::domain::{Band, RelationshipType, Trend};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub header: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub tab_active: Style,
    pub key: Style,
    pub info: Style,
    pub error: Style,
    pub healthy: Style,
    pub watch: Style,
    pub at_risk: Style,
    pub accent: Style,
    pub bar: Style,
    pub input: Style,
    pub cursor: Style,
    colored: bool,
}

impl Theme {
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        let (fg, dim, accent, sel_bg, sel_fg, input_bg) = match name {
            ThemeName::Dark => (
                Color::Rgb(220, 220, 220),
                Color::Rgb(130, 130, 140),
                Color::Rgb(110, 170, 255),
                Color::Rgb(50, 70, 110),
                Color::Rgb(255, 255, 255),
                Color::Rgb(40, 40, 50),
            ),
            ThemeName::Light => (
                Color::Rgb(30, 30, 30),
                Color::Rgb(110, 110, 120),
                Color::Rgb(20, 90, 200),
                Color::Rgb(190, 210, 250),
                Color::Rgb(0, 0, 0),
                Color::Rgb(230, 230, 235),
            ),
            ThemeName::Basic => (Color::Reset, Color::DarkGray, Color::Cyan, Color::Blue, Color::White, Color::Reset),
        };
        let (green, yellow, red) = match name {
            ThemeName::Dark => (Color::Rgb(110, 200, 120), Color::Rgb(230, 190, 80), Color::Rgb(240, 100, 100)),
            ThemeName::Light => (Color::Rgb(20, 130, 40), Color::Rgb(160, 110, 0), Color::Rgb(190, 30, 30)),
            ThemeName::Basic => (Color::Green, Color::Yellow, Color::Red),
        };
        Theme {
            base: Style::new().fg(fg),
            dim: Style::new().fg(dim),
            title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::new().fg(dim),
            border_focused: Style::new().fg(accent),
            header: Style::new().fg(dim).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(sel_bg).fg(sel_fg).add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            tab_active: Style::new().fg(accent).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            info: Style::new().fg(green),
            error: Style::new().fg(red).add_modifier(Modifier::BOLD),
            healthy: Style::new().fg(green),
            watch: Style::new().fg(yellow),
            at_risk: Style::new().fg(red).add_modifier(Modifier::BOLD),
            accent: Style::new().fg(accent),
            bar: Style::new().fg(accent),
            input: Style::new().bg(input_bg).fg(fg),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            colored: true,
        }
    }

    /// For NO_COLOR: no colour at all, only text attributes.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            dim: plain,
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            tab_active: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: plain.add_modifier(Modifier::BOLD),
            info: plain,
            error: plain.add_modifier(Modifier::BOLD),
            healthy: plain,
            watch: plain,
            at_risk: plain.add_modifier(Modifier::BOLD),
            accent: plain,
            bar: plain,
            input: plain.add_modifier(Modifier::UNDERLINED),
            cursor: plain.add_modifier(Modifier::REVERSED),
            colored: false,
        }
    }

    pub fn band(&self, band: Band) -> Style {
        match band {
            Band::Healthy => self.healthy,
            Band::Watch => self.watch,
            Band::AtRisk => self.at_risk,
        }
    }

    /// The style of a satisfaction trend's arrow: up is good news, down bad.
    pub fn trend(&self, trend: Option<Trend>) -> Style {
        match trend {
            Some(Trend::Up) => self.healthy,
            Some(Trend::Down) => self.at_risk,
            Some(Trend::Flat) | None => self.dim,
        }
    }

    /// A distinct colour per relationship type, for the bar chart.
    pub fn relationship(&self, t: RelationshipType) -> Style {
        if !self.colored {
            return self.base;
        }
        let color = match t {
            RelationshipType::Transactional => Color::Gray,
            RelationshipType::LongTerm => Color::LightBlue,
            RelationshipType::Loyal => Color::LightGreen,
            RelationshipType::Collaborative => Color::LightMagenta,
            RelationshipType::Communal => Color::LightYellow,
            RelationshipType::Contractual => Color::LightCyan,
            RelationshipType::Supportive => Color::LightRed,
        };
        Style::new().fg(color)
    }
}
