#include "server/http_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <cstdarg>
#include <cstring>
#include <stdexcept>

namespace worldcafe::server {

namespace {

// What one request has gathered so far; MHD calls the handler once for the headers, once per body chunk, and once
// more when the body is complete.
struct RequestState {
    std::string body;
    bool tooLarge = false;
    bool answered = false;
};

void discardLog(void*, const char*, va_list) {}

enum MHD_Result addQueryArgument(void* cls, enum MHD_ValueKind, const char* key, const char* value) {
    auto* query = static_cast<std::multimap<std::string, std::string>*>(cls);
    query->emplace(key ? key : "", value ? value : "");
    return MHD_YES;
}

std::string clientAddress(struct MHD_Connection* connection) {
    const union MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return "unknown";
    char text[INET6_ADDRSTRLEN] = {};
    const sockaddr* address = info->client_addr;
    if (address->sa_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
    else if (address->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
    return text;
}

enum MHD_Result send(struct MHD_Connection* connection, const HttpResponse& answer) {
    struct MHD_Response* response =
        MHD_create_response_from_buffer(answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    if (!answer.contentType.empty()) MHD_add_response_header(response, "Content-Type", answer.contentType.c_str());
    for (const auto& [name, value] : securityHeaders()) MHD_add_response_header(response, name.c_str(), value.c_str());
    for (const auto& [name, value] : answer.headers) MHD_add_response_header(response, name.c_str(), value.c_str());
    enum MHD_Result result = MHD_queue_response(connection, static_cast<unsigned>(answer.status), response);
    MHD_destroy_response(response);
    return result;
}

HttpResponse tooLarge(const Api& api) {
    HttpResponse response;
    response.status = 413;
    response.contentType = "application/json; charset=utf-8";
    response.body = "{\"error\":\"the body is larger than " + std::to_string(api.limits().maxBodyBytes / 1024) + " KiB\"}";
    return response;
}

enum MHD_Result onRequest(void* cls, struct MHD_Connection* connection, const char* url, const char* method,
                          const char* /*version*/, const char* uploadData, size_t* uploadSize, void** context) {
    Api& api = *static_cast<Api*>(cls);
    auto* state = static_cast<RequestState*>(*context);
    if (!state) {
        state = new RequestState();
        *context = state;
        // Refuse an announced oversized body before reading it.
        const char* length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && std::strtoull(length, nullptr, 10) > api.limits().maxBodyBytes) {
            state->answered = true;
            return send(connection, tooLarge(api));
        }
        return MHD_YES;
    }
    if (*uploadSize > 0) {
        if (!state->tooLarge && state->body.size() + *uploadSize <= api.limits().maxBodyBytes)
            state->body.append(uploadData, *uploadSize);
        else
            state->tooLarge = true;  // keep reading (and dropping) so the answer arrives at a readable moment
        *uploadSize = 0;
        return MHD_YES;
    }
    if (state->answered) return MHD_YES;
    state->answered = true;
    HttpRequest request;
    request.method = method ? method : "";
    request.path = url ? url : "/";
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &addQueryArgument, &request.query);
    request.body = std::move(state->body);
    request.bodyTooLarge = state->tooLarge;
    request.client = clientAddress(connection);
    return send(connection, api.handle(request));
}

void onCompleted(void*, struct MHD_Connection*, void** context, enum MHD_RequestTerminationCode) {
    delete static_cast<RequestState*>(*context);
    *context = nullptr;
}

}  // namespace

struct HttpServer::Impl {
    struct MHD_Daemon* daemon = nullptr;
};

HttpServer::HttpServer(Api& api, ServerOptions options) : m_impl(std::make_unique<Impl>()) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(options.port);
    if (::inet_pton(AF_INET, options.bindAddress.c_str(), &address.sin_addr) != 1)
        throw std::runtime_error("\"" + options.bindAddress + "\" is not an IPv4 address to listen on");
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD;
    m_impl->daemon = MHD_start_daemon(
        flags, options.port, nullptr, nullptr, &onRequest, &api, MHD_OPTION_SOCK_ADDR, &address,
        MHD_OPTION_THREAD_POOL_SIZE, options.threads, MHD_OPTION_CONNECTION_LIMIT, options.maxConnections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, options.maxConnectionsPerClient, MHD_OPTION_CONNECTION_TIMEOUT,
        options.idleTimeoutSeconds, MHD_OPTION_NOTIFY_COMPLETED, &onCompleted, nullptr, MHD_OPTION_EXTERNAL_LOGGER,
        &discardLog, nullptr, MHD_OPTION_END);
    if (!m_impl->daemon)
        throw std::runtime_error("cannot listen on " + options.bindAddress + ":" + std::to_string(options.port) +
                                 " (is the port taken by another program?)");
    const union MHD_DaemonInfo* info = MHD_get_daemon_info(m_impl->daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_port = info ? info->port : options.port;
}

HttpServer::~HttpServer() {
    if (m_impl && m_impl->daemon) MHD_stop_daemon(m_impl->daemon);
}

}  // namespace worldcafe::server
