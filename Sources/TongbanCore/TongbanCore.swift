public enum TongbanCore {}
