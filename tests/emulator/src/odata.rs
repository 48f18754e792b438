//! The part of OData the Defender API list endpoints accept here: `$filter` with `eq`
//! joined by `and`, and `$top`.

use serde_json::Value;

/// The largest `$top` the API accepts.
pub const MAX_TOP: usize = 10_000;

/// A parsed list query.
#[derive(Debug, Default, PartialEq)]
pub struct ListQuery {
    /// `(key, value)` pairs that must all be equal.
    pub filters: Vec<(String, String)>,
    pub top: Option<usize>,
}

/// Why a query could not be parsed; the message names the part that failed.
#[derive(Debug, PartialEq)]
pub struct QueryError(pub String);

/// Parses the raw query string of a list request. `keys` are the filterable keys.
pub fn parse(raw_query: &str, keys: &[&str]) -> Result<ListQuery, QueryError> {
    let mut query = ListQuery::default();
    for (name, value) in form_urlencoded::parse(raw_query.as_bytes()) {
        match name.as_ref() {
            "$filter" => query.filters = parse_filter(&value, keys)?,
            "$top" => query.top = Some(parse_top(&value)?),
            _ => {}
        }
    }
    Ok(query)
}

fn parse_top(value: &str) -> Result<usize, QueryError> {
    let top: usize = value.trim().parse().map_err(|_| {
        QueryError(format!(
            "Invalid value '{value}' for $top query option found. The $top query option requires a non-negative integer value."
        ))
    })?;
    if top > MAX_TOP {
        return Err(QueryError(format!(
            "The limit of '{MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '{top}'."
        )));
    }
    Ok(top)
}

fn parse_filter(text: &str, keys: &[&str]) -> Result<Vec<(String, String)>, QueryError> {
    let tokens = tokenize(text)?;
    let mut filters = Vec::new();
    let mut rest = tokens.as_slice();
    loop {
        let [Token::Word(key), Token::Word(operator), Token::Literal(value) | Token::Word(value), tail @ ..] =
            rest
        else {
            return Err(QueryError(format!(
                "Syntax error in $filter '{text}': expected 'key eq value'."
            )));
        };
        if !keys.contains(&key.as_str()) {
            return Err(QueryError(format!(
                "Could not find a property named '{key}' that can be filtered on. Filterable properties: {}.",
                keys.join(", ")
            )));
        }
        if !operator.eq_ignore_ascii_case("eq") {
            return Err(QueryError(format!(
                "The operator '{operator}' is not supported in $filter here; use 'eq'."
            )));
        }
        filters.push((key.clone(), value.clone()));
        match tail {
            [] => return Ok(filters),
            [Token::Word(joiner), more @ ..] if joiner.eq_ignore_ascii_case("and") => rest = more,
            _ => {
                return Err(QueryError(format!(
                    "Syntax error in $filter '{text}': expected 'and' between conditions."
                )))
            }
        }
    }
}

#[derive(Debug)]
enum Token {
    Word(String),
    Literal(String),
}

fn tokenize(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&next) = chars.peek() {
        if next.is_whitespace() {
            chars.next();
        } else if next == '\'' {
            chars.next();
            let mut literal = String::new();
            loop {
                match chars.next() {
                    // OData escapes a quote inside a literal by doubling it.
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                        literal.push('\'');
                    }
                    Some('\'') => break,
                    Some(character) => literal.push(character),
                    None => {
                        return Err(QueryError(format!(
                            "Unterminated string literal in $filter '{text}'."
                        )))
                    }
                }
            }
            tokens.push(Token::Literal(literal));
        } else {
            let mut word = String::new();
            while let Some(&character) = chars.peek() {
                if character.is_whitespace() || character == '\'' {
                    break;
                }
                word.push(character);
                chars.next();
            }
            tokens.push(Token::Word(word));
        }
    }
    Ok(tokens)
}

/// Checks whether a JSON record matches every filter. Strings compare case-insensitively, as
/// the service does for host names; other values compare as JSON values.
pub fn matches(record: &Value, filters: &[(String, String)]) -> bool {
    filters.iter().all(|(key, expected)| match record.get(key) {
        Some(Value::String(actual)) => actual.eq_ignore_ascii_case(expected),
        Some(Value::Null) | None => false,
        Some(other) => serde_json::from_str::<Value>(expected).is_ok_and(|value| value == *other),
    })
}

/// Applies the filters and `$top` to `records`.
pub fn apply(records: Vec<Value>, query: &ListQuery) -> Vec<Value> {
    records
        .into_iter()
        .filter(|record| matches(record, &query.filters))
        .take(query.top.unwrap_or(usize::MAX))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["machineId", "type", "status"];

    #[test]
    fn filter_with_and_parses() {
        let query = parse(
            "%24filter=machineId+eq+%27abc%27+and+type+eq+%27StopAndQuarantineFile%27&%24top=5",
            KEYS,
        )
        .unwrap();
        assert_eq!(
            query.filters,
            vec![
                ("machineId".to_string(), "abc".to_string()),
                ("type".to_string(), "StopAndQuarantineFile".to_string())
            ]
        );
        assert_eq!(query.top, Some(5));
    }

    #[test]
    fn doubled_quote_is_unescaped() {
        let query = parse("$filter=status eq 'it''s'", KEYS).unwrap();
        assert_eq!(query.filters[0].1, "it's");
    }

    #[test]
    fn unknown_key_is_an_error() {
        assert!(parse("$filter=color eq 'red'", KEYS).is_err());
    }

    #[test]
    fn unsupported_operator_is_an_error() {
        assert!(parse("$filter=status ne 'Pending'", KEYS).is_err());
    }

    #[test]
    fn top_above_limit_is_an_error() {
        assert!(parse("$top=10001", KEYS).is_err());
        assert!(parse("$top=-1", KEYS).is_err());
    }
}
