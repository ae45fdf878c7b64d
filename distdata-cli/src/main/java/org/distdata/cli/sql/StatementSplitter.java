package org.distdata.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the text a user types into SQL statements at each {@code ;} that is outside a
 * string literal ({@code '...'}, with {@code ''} as an escaped quote), a quoted
 * identifier ({@code "..."}), a {@code --} line comment or a block comment. Input
 * arrives line by line, so a statement may span lines and a literal may contain
 * newlines; {@link #hasPending()} tells the shell to show the continuation prompt.
 */
public final class StatementSplitter {

    private enum State { CODE, SINGLE_QUOTED, DOUBLE_QUOTED, LINE_COMMENT, BLOCK_COMMENT }

    private final StringBuilder current = new StringBuilder();
    private State state = State.CODE;

    /** Splits a whole script; a trailing statement without {@code ;} is included. */
    public static List<String> split(String script) {
        StatementSplitter splitter = new StatementSplitter();
        List<String> statements = new ArrayList<>(splitter.addLine(script));
        splitter.finish().ifPresent(statements::add);
        return statements;
    }

    /** Adds one line of input and returns the statements it completed (without their {@code ;}). */
    public List<String> addLine(String line) {
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
            switch (state) {
                case CODE -> {
                    if (ch == ';') {
                        emit(completed);
                        continue;
                    }
                    if (ch == '\'') {
                        state = State.SINGLE_QUOTED;
                    } else if (ch == '"') {
                        state = State.DOUBLE_QUOTED;
                    } else if (ch == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                    } else if (ch == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        current.append(ch).append(next);
                        i++;
                        continue;
                    }
                }
                // '' inside a literal reads as closing then reopening: the state ends up right.
                case SINGLE_QUOTED -> {
                    if (ch == '\'') {
                        state = State.CODE;
                    }
                }
                case DOUBLE_QUOTED -> {
                    if (ch == '"') {
                        state = State.CODE;
                    }
                }
                case LINE_COMMENT -> {
                    if (ch == '\n') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (ch == '*' && next == '/') {
                        state = State.CODE;
                        current.append(ch).append(next);
                        i++;
                        continue;
                    }
                }
            }
            current.append(ch);
        }
        if (state == State.LINE_COMMENT) {
            state = State.CODE; // a line comment ends with its line
        }
        current.append('\n');
        return completed;
    }

    /** True when text without its closing {@code ;} is waiting (the shell's continuation prompt). */
    public boolean hasPending() {
        return !stripComments(current.toString()).isBlank();
    }

    /** The unterminated rest as a statement, if it holds any SQL; the splitter is empty afterwards. */
    public java.util.Optional<String> finish() {
        String rest = withoutLeadingComments(current.toString());
        boolean hasSql = !stripComments(rest).isBlank();
        reset();
        return hasSql ? java.util.Optional.of(rest) : java.util.Optional.empty();
    }

    public void reset() {
        current.setLength(0);
        state = State.CODE;
    }

    private void emit(List<String> completed) {
        String statement = withoutLeadingComments(current.toString());
        current.setLength(0);
        if (!stripComments(statement).isBlank()) {
            completed.add(statement);
        }
    }

    /**
     * The statement from its first keyword on: a script's header comments are not sent
     * with its first statement (servers look at the leading keyword to classify it).
     */
    static String withoutLeadingComments(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                break;
            }
        }
        return text.substring(i).strip();
    }

    /** The text without comments, only used to decide whether anything but comments is there. */
    private static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?(\\*/|$)", " ").replaceAll("--[^\\n]*", " ");
    }
}
