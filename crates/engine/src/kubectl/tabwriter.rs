//! A port of Go's `text/tabwriter` column algorithm (the subset kubectl uses: space padding,
//! no flags other than `RememberWidths` from `github.com/liggitt/tabwriter`).
//!
//! Source: Go `src/text/tabwriter/tabwriter.go` `Writer.format` / `Writer.writeLines`;
//! kubectl's table printer settings in `staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go`
//! `GetNewTabWriter` (minwidth 6, tabwidth 4, padding 3, `RememberWidths`) and
//! `staging/src/k8s.io/kubectl/pkg/describe/describe.go` `tabbedString` (minwidth 0, tabwidth 8,
//! padding 2).
//!
//! Text is a sequence of lines; within a line, cells are terminated by `\t`. The last cell of a
//! line is not part of any column. Tab-terminated cells in contiguous lines form a column block
//! whose width is `max(minwidth, widest cell + padding)`.

/// Tabwriter settings.
#[derive(Clone, Copy, Debug)]
pub struct TabWriter {
    pub minwidth: usize,
    pub padding: usize,
}

/// `kubectl get` (cli-runtime `GetNewTabWriter`).
pub const KUBECTL_GET: TabWriter = TabWriter {
    minwidth: 6,
    padding: 3,
};
/// `kubectl describe` (`describe.go` `tabbedString`).
pub const KUBECTL_DESCRIBE: TabWriter = TabWriter {
    minwidth: 0,
    padding: 2,
};

fn width(s: &str) -> usize {
    s.chars().count()
}

impl TabWriter {
    /// Align `text` as Go's tabwriter would after a final `Flush`.
    pub fn format(&self, text: &str) -> String {
        let ends_with_newline = text.ends_with('\n');
        let body = if ends_with_newline {
            &text[..text.len() - 1]
        } else {
            text
        };
        let lines: Vec<Vec<&str>> = body.split('\n').map(|l| l.split('\t').collect()).collect();
        let mut out = String::with_capacity(text.len() * 2);
        let mut widths = Vec::new();
        self.format_block(&lines, 0, lines.len(), &mut widths, &mut out);
        if ends_with_newline {
            out.push('\n');
        }
        out
    }

    /// `Writer.format`: recursive column-block layout.
    fn format_block(
        &self,
        lines: &[Vec<&str>],
        mut line0: usize,
        line1: usize,
        widths: &mut Vec<usize>,
        out: &mut String,
    ) {
        let column = widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(lines, line0, this, widths, out);
            line0 = this;
            let mut w = self.minwidth;
            while this < line1 && column + 1 < lines[this].len() {
                w = w.max(width(lines[this][column]) + self.padding);
                this += 1;
            }
            widths.push(w);
            self.format_block(lines, line0, this, widths, out);
            widths.pop();
            line0 = this;
        }
        self.write_lines(lines, line0, line1, widths, out);
    }

    /// `Writer.writeLines`.
    fn write_lines(
        &self,
        lines: &[Vec<&str>],
        line0: usize,
        line1: usize,
        widths: &[usize],
        out: &mut String,
    ) {
        for (i, line) in lines.iter().enumerate().take(line1).skip(line0) {
            for (j, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if j < widths.len() && j + 1 < line.len() {
                    let pad = widths[j].saturating_sub(width(cell));
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if i + 1 < lines.len() {
                out.push('\n');
            }
        }
    }

    /// Column widths of rows with a fixed number of cells (every cell but the last is a column),
    /// grown from `remembered` (liggitt/tabwriter `RememberWidths`).
    pub fn table_widths(&self, rows: &[Vec<String>], remembered: &[usize]) -> Vec<usize> {
        let ncols = rows
            .iter()
            .map(|r| r.len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        let mut w: Vec<usize> = (0..ncols)
            .map(|c| remembered.get(c).copied().unwrap_or(0).max(self.minwidth))
            .collect();
        for r in rows {
            for (c, cell) in r.iter().enumerate().take(r.len().saturating_sub(1)) {
                w[c] = w[c].max(width(cell) + self.padding);
            }
        }
        w
    }

    /// Render one row with the given column widths.
    pub fn row(&self, cells: &[String], widths: &[usize]) -> String {
        let mut s = String::new();
        for (j, cell) in cells.iter().enumerate() {
            s.push_str(cell);
            if j + 1 < cells.len() {
                let pad = widths
                    .get(j)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(width(cell));
                s.extend(std::iter::repeat_n(' ', pad));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_independently() {
        // Go text/tabwriter: a line without tabs ends a column block.
        let t = KUBECTL_DESCRIBE.format("Name:\tp\nNamespace:\tdefault\nContainers:\n  a:\tb\n");
        assert_eq!(
            t,
            "Name:       p\nNamespace:  default\nContainers:\n  a:  b\n"
        );
    }
}
