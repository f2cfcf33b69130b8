package dev.quorum.model;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The real network. okhttp's own retries are off: {@link DefaultModelClient} owns retry policy. */
final class OkHttpTransport implements Wire.Transport {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient http;

    OkHttpTransport(Duration requestTimeout, int maxConnections) {
        this.http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(requestTimeout)
                .writeTimeout(requestTimeout)
                .callTimeout(requestTimeout)
                .connectionPool(new okhttp3.ConnectionPool(maxConnections, 5, java.util.concurrent.TimeUnit.MINUTES))
                .build();
    }

    @Override
    public Wire.Response send(Wire.Request request) throws IOException {
        Request.Builder builder = new Request.Builder().url(request.url()).post(RequestBody.create(request.body(), JSON));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : request.secretHeaders().entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        try (Response response = http.newCall(builder.build()).execute()) {
            ResponseBody body = response.body();
            return new Wire.Response(response.code(), response.headers().toMultimap(), body.string());
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
