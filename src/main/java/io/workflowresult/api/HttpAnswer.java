package io.workflowresult.api;

import java.io.InputStream;
import java.net.http.HttpHeaders;

/** An HTTP answer whose body is still to be read: status, headers, and the body as a stream. */
record HttpAnswer(int status, HttpHeaders headers, InputStream body) {}
