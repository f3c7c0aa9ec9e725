# Sourced by the benchmarks that compare against nginx: start_nginx_dav DIR PORT starts a
# private nginx (Debian nginx-extras) serving WebDAV on the local directory DIR/root at
# 127.0.0.1:PORT, its config, temp files and log under DIR, and sets NGINX to its pid.
# NGINX_DAV_EXT=1 also answers PROPFIND and OPTIONS (Debian's dav-ext module), for listings.
start_nginx_dav() {
  local dir=$1 port=$2 ext_load="" ext_methods=""
  if [ -n "${NGINX_DAV_EXT:-}" ]; then
    ext_load="load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;"
    ext_methods="dav_ext_methods PROPFIND OPTIONS;"
  fi
  mkdir -p "$dir/root" "$dir/tmp"
  cat >"$dir/nginx.conf" <<CONF
$ext_load
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp; uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
    client_max_body_size 0;
    location / { dav_methods PUT DELETE MKCOL COPY MOVE; $ext_methods create_full_put_path on; }
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" >/dev/null 2>&1 &
  NGINX=$!
}
