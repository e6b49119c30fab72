use sipcodes::SipResponseHandler;

#[derive(SipResponseHandler)]
enum Outcome {
    #[sip(1xx, 2xx, 3xx, 5xx, 6xx)]
    Most,
    #[sip(400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417)]
    Early,
    #[sip(420, 421, 422, 423, 424, 425, 428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470)]
    Middle,
    #[sip(480, 481, 482, 483, 484, 485, 488, 489, 491, 493, 494)]
    Late,
}

fn main() {}
