use std::io::Read;

use super::*;

const SMALL: JsonLimits = JsonLimits {
    max_bytes: 1000,
    max_depth: 3,
    max_values: 20,
    max_items: 4,
    max_text_bytes: 5,
};

#[test]
fn a_document_within_its_limits_passes() {
    let doc = br#" { "a" : [1, "two", {"b": null}], "c": "\u00e9\n" } "#;
    assert_eq!(check_json_limits(doc, SMALL), Ok(()));
    assert_eq!(check_json_limits(b"[[[]]]", SMALL), Ok(()), "three deep");
    assert_eq!(check_json_limits(b"[1,2,3,4]", SMALL), Ok(()), "four items");
    assert_eq!(
        check_json_limits(br#"["\"\"\"\"\""]"#, SMALL),
        Ok(()),
        "five escaped quotes are five bytes of text"
    );
}

#[test]
fn each_limit_is_named_when_broken() {
    let cases: [(&[u8], JsonLimitError); 5] = [
        (b"[[[[]]]]", JsonLimitError::TooDeep { limit: 3, at: 4 }),
        (
            b"[1,2,3,4,5]",
            JsonLimitError::TooManyItems { limit: 4, at: 10 },
        ),
        (
            br#"{"a":1,"b":2,"c":3,"d":4,"e":5}"#,
            JsonLimitError::TooManyItems { limit: 4, at: 26 },
        ),
        (
            br#"["abcdef"]"#,
            JsonLimitError::TextTooLong { limit: 5, at: 8 },
        ),
        (
            br#"["\u00e9\u00e9"]"#,
            JsonLimitError::TextTooLong { limit: 5, at: 10 },
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(
            check_json_limits(doc, SMALL),
            Err(expected.clone()),
            "{}",
            String::from_utf8_lossy(doc)
        );
        assert!(
            expected.to_string().contains("the limit is"),
            "the message names the limit: {expected}"
        );
    }
    let wide = JsonLimits {
        max_items: 100,
        ..SMALL
    };
    let values = format!("[{}1]", "1,".repeat(24));
    assert_eq!(
        check_json_limits(values.as_bytes(), wide),
        Err(JsonLimitError::TooManyValues { limit: 20, at: 40 }),
        "the list is the first value, so the 20th one is the 21st"
    );
    let big = vec![b' '; 1001];
    assert_eq!(
        check_json_limits(&big, SMALL),
        Err(JsonLimitError::TooLarge { limit: 1000 })
    );
}

#[test]
fn brackets_and_commas_inside_text_are_text() {
    assert_eq!(
        check_json_limits(br#"["[[[,"]"#, SMALL),
        Ok(()),
        "no nesting and one item"
    );
}

#[test]
fn a_parser_reading_through_the_limits_stops_at_the_first_one_broken() {
    let doc = format!("[{}0]", "0,".repeat(100_000));
    let mut limited = LimitedJson::new(doc.as_bytes(), SMALL);
    let parsed: Result<Vec<u32>, _> = serde_json::from_reader(&mut limited);
    assert!(parsed.is_err(), "the parse is stopped");
    assert_eq!(
        limited.exceeded(),
        Some(&JsonLimitError::TooManyItems { limit: 4, at: 10 }),
        "and says which limit"
    );
    let mut rest = Vec::new();
    assert!(
        limited.read_to_end(&mut rest).is_err(),
        "reading on is refused too"
    );
}
